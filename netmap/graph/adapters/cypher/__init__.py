"""The Cypher adapter for Neo4j and FalkorDB: one set of queries, two clients."""
