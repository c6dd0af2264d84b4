"""Built-in reader plugins. Every public module here is registered as a plugin."""
