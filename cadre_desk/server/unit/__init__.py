"""The unit's view (issue 19): opt-in, pseudonymous burden statistics from many cadres, added up
incrementally, shown to coordinators only where at least k reporters stand behind a figure."""
