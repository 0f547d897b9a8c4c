"""answer stage of lixia-qa."""
