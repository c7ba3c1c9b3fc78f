"""Error-corrected memories split over modules (stim, pymatching, sinter)."""
