package io.meshplate.reach;

/** The outcome of a flow: some requests pass every layer, none do, or the model cannot tell. */
public enum Verdict { ALLOWED, DENIED, UNKNOWN }
