"""The HTTP application: the GraphQL endpoint, export, health, auth and the pages."""
