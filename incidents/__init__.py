"""Reports, the incidents extracted from them, and analysts' geocode corrections."""
