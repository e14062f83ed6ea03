"""Every read behind the map, its API, the timeline and the exports (selectors)."""
