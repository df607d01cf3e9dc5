"""Flags on an application: the rules (plain values in, findings out), role fit, the evidence in
words, and the refresh that stores them."""
