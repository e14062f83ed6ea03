"""Places, their names and administrative areas; loaders; the geoparser."""
