"""The contract file: read it, locate it, check it against the schema and the rules, model it."""
