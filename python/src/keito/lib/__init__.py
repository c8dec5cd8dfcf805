"""Hand-written helpers on top of the API resources."""
