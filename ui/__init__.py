"""ui stage of lixia-qa."""
