"""``ipgraph bench``: the benchmark runner and the @neo4j/graphql peer it compares with."""
