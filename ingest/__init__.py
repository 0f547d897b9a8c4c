"""ingest stage of lixia-qa."""
