package io.meshplate.policy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A compact summary of one folder that something needing the whole overlay keeps (keys, names,
 * hosts, with {@code file:line}), instead of the folder's objects: a render streams folders, so
 * memory is bounded by the largest folder plus these facts. Facts are stored in the render
 * cache with their folder, so a folder that did not change is neither rendered nor read again:
 * {@link #write} and {@link #read} must round-trip exactly.
 *
 * @param <F> the facts of one folder; immutable
 */
public interface FolderFacts<F> {
  /** Stable id; it names the facts in the cache ({@code collision-keys}). */
  String id();

  /** The facts of one folder, taken from its objects (after overlay patches). */
  F collect(FolderObjects folder);

  void write(F facts, DataOutput out) throws IOException;

  F read(DataInput in) throws IOException;
}
