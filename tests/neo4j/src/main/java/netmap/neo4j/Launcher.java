package netmap.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import picocli.CommandLine;

/**
 * Neo4j Community, embedded, with its Bolt connector on one loopback port and authentication on:
 * netmap's server for tests and local use (started by scripts/neo4j-server).
 *
 * <p>Usage: {@code java -cp 'neo4j-launcher.jar:lib/*' netmap.neo4j.Launcher PORT [HOME]}. The
 * password of the user {@code neo4j} is read from {@code NETMAP_NEO4J_PASSWORD} (never from the
 * command line, where other users could read it); the page cache size from {@code
 * NETMAP_NEO4J_PAGECACHE} (for example {@code 128m}, the default). Without HOME the data lives in
 * a new temporary folder, deleted when the server stops. When the database is ready it prints one
 * line, the store URL netmap accepts, and serves until SIGTERM or SIGINT, then shuts down cleanly.
 */
public final class Launcher {
    private static final String USER = "neo4j";
    private static final String DATABASE = "neo4j";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            fail("usage: Launcher PORT [HOME]");
        }
        int port = Integer.parseInt(args[0]);
        String password = System.getenv("NETMAP_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("NETMAP_NEO4J_PASSWORD must hold a password of at least 8 characters.");
        }
        boolean temporary = args.length == 1;
        Path home = temporary ? Files.createTempDirectory("netmap-neo4j-") : Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(home);
        boolean fresh = !Files.exists(home.resolve("data"));
        if (fresh) {
            setInitialPassword(home, password);
        }

        // Registered first, so a stop that comes while Neo4j starts still removes the temporary data.
        AtomicReference<DatabaseManagementService> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService started = running.get();
            if (started != null) {
                started.shutdown();
            }
            if (temporary) {
                delete(home);
            }
        }, "netmap-neo4j-shutdown"));

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, bytes(envOr("NETMAP_NEO4J_PAGECACHE", "128m")))
                    // Only the newest transaction log is kept: this server holds test data, not a history.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                    // Bolt's network threads would otherwise wait ~15 s for quiet before a stop completes.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                    .build();
        } catch (RuntimeException e) {
            System.err.println("Neo4j did not start: " + rootCause(e).getMessage());
            System.exit(1);
            return;
        }
        running.set(dbms);
        if (!dbms.database(DATABASE).isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            System.err.println("The database " + DATABASE + " did not become available; see " + home.resolve("logs"));
            System.exit(1);
        }
        String secret = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        System.out.println("neo4j://" + USER + ":" + secret + "@127.0.0.1:" + port + "/" + DATABASE);
        System.out.flush();
        new CountDownLatch(1).await(); // serve until the JVM is stopped; the hook shuts Neo4j down
    }

    /** What `neo4j-admin dbms set-initial-password` does, before the system database first starts. */
    private static void setInitialPassword(Path home, String password) {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        ExecutionContext context = new ExecutionContext(
                home, home.resolve("conf"), quiet, System.err, new DefaultFileSystemAbstraction());
        SetInitialPasswordCommand command = new SetInitialPasswordCommand(context);
        new CommandLine(command).parseArgs(password);
        try {
            command.execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long bytes(String size) {
        String text = size.trim().toLowerCase(Locale.ROOT);
        long unit = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        String digits = unit == 1L ? text : text.substring(0, text.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
