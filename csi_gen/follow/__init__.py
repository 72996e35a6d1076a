"""After the signature: the follow-up file of a contract, its rules, and the annual bilan."""
