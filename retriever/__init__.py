"""retriever stage of lixia-qa."""
