"""The HTTP shell over the `qa` library."""
