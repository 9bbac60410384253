// The ipgraph graph model as @neo4j/graphql 7.x type definitions.
//
// Labels, property keys and relationship types are exactly those ipgraph writes
// (graph/model.py). Only `id` and `name` are non-null: other properties may be
// absent on a node, and the library would raise on a null in a non-null field.
// Relationship fields are lists: 7.x deprecates 1:1 relationship fields.
// `@mutation(operations: [])` keeps the peer read-only: no Mutation root at all.
export const typeDefs = /* GraphQL */ `
  type Branch @node @mutation(operations: []) {
    id: ID!
    name: String!
    kind: String
    acronym: String
    parents: [Branch!]! @relationship(type: "PART_OF", direction: OUT)
    subBranches: [Branch!]! @relationship(type: "PART_OF", direction: IN)
    missions: [Mission!]! @relationship(type: "MANAGED_BY", direction: IN)
    officers: [Officer!]! @relationship(type: "MEMBER_OF", direction: IN)
  }

  type Officer @node @mutation(operations: []) {
    id: ID!
    name: String!
    rank: String
    role: String
    postedTo: [Location!]! @relationship(type: "POSTED_TO", direction: OUT)
    branches: [Branch!]! @relationship(type: "MEMBER_OF", direction: OUT)
    agencies: [PartnerAgency!]! @relationship(type: "MEMBER_OF", direction: OUT)
    missions: [Mission!]! @relationship(type: "SERVES_ON", direction: OUT)
  }

  type Location @node @mutation(operations: []) {
    id: ID!
    name: String!
    "REGION, COUNTRY, TERRITORY, CITY or SITE"
    kind: String
    "city -> country -> region"
    parents: [Location!]! @relationship(type: "PART_OF", direction: OUT)
    children: [Location!]! @relationship(type: "PART_OF", direction: IN)
    missions: [Mission!]! @relationship(type: "LOCATED_IN", direction: IN)
    agencies: [PartnerAgency!]! @relationship(type: "BASED_IN", direction: IN)
    officers: [Officer!]! @relationship(type: "POSTED_TO", direction: IN)
  }

  type PartnerAgency @node @mutation(operations: []) {
    id: ID!
    name: String!
    acronym: String
    kind: String
    basedIn: [Location!]! @relationship(type: "BASED_IN", direction: OUT)
    missions: [Mission!]! @relationship(type: "WITH_PARTNER", direction: IN)
    officers: [Officer!]! @relationship(type: "MEMBER_OF", direction: IN)
  }

  type Mission @node @mutation(operations: []) {
    id: ID!
    name: String!
    acronym: String
    "ACTIVE, UNDER_REVIEW or CLOSED"
    status: String
    language: String
    armed: Boolean
    authorizedDeployments: Int
    locatedIn: [Location!]! @relationship(type: "LOCATED_IN", direction: OUT)
    partners: [PartnerAgency!]! @relationship(type: "WITH_PARTNER", direction: OUT)
    managedBy: [Branch!]! @relationship(type: "MANAGED_BY", direction: OUT)
    officers: [Officer!]! @relationship(type: "SERVES_ON", direction: IN)
  }
`;
