"""Built-in exporter plugins. Every public module here is registered as a plugin."""
