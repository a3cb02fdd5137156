"""newsarchive's own `scrapy` commands (enabled through COMMANDS_MODULE)."""
