"""Reading and writing the exchange formats: plan files, tables of submissions and values."""
