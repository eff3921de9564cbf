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
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
