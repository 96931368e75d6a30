"""Store adapters: SQLite (embedded default), Cypher (Neo4j, FalkorDB) and the encrypting decorator."""
