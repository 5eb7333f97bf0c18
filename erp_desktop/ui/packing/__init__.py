"""The packing station (打包台); ui/packing_station.py is its entry."""
