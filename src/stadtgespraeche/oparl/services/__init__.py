"""Writes of the OParl app: endpoints, the raw store, the typed import."""
