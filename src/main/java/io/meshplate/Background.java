package io.meshplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work done on another thread while this one goes on, taken back as if it had been done here. */
public final class Background {
  private Background() {}

  /**
   * The value of {@code work}, waiting for it; its failure is thrown here as it was thrown there
   * (a {@link MeshplateException} stays one, so the exit code it maps to is kept).
   */
  public static <T> T joined(CompletableFuture<T> work) {
    try {
      return work.join();
    } catch (CompletionException e) {
      throw rethrown(e.getCause());
    }
  }

  /**
   * Throws {@code cause}, what work on another thread failed with, as it was thrown there; a
   * checked exception (which such work cannot throw) comes back wrapped.
   */
  public static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof RuntimeException failure) {
      throw failure;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }
}
