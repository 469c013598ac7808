"""The workspace's forms: they validate and normalize input; services do the writing."""
