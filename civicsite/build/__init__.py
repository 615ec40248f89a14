"""The pipeline: options, the incremental plan and its cache, parallel workers, and the one
function that runs the steps in order. May import every package but cli and serve."""
