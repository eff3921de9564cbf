package io.meshplate.publish;

import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.yaml.Messages;
import java.util.Arrays;

/**
 * What to publish where.
 *
 * @param source the meshplate project whose {@code output/} is published
 * @param repo a local path (work tree or bare repository) or a Git URL
 * @param branch the target branch; it must exist, unless the repository has no branch at all
 * @param path folder inside the target repository to replace; empty for the repository root
 * @param force publish even into a dirty or diverged target
 */
public record PublishRequest(Workspace source, String repo, String branch, String path, boolean force) {
  public PublishRequest {
    String raw = path == null ? "" : path.replace('\\', '/');
    if (raw.startsWith("/") || Arrays.asList(raw.split("/")).contains("..")) {
      throw new UsageException("--path '" + Messages.escape(raw)
          + "' must be a folder inside the target repository (relative, without '..')");
    }
    path = raw.replaceAll("/+$", "");
  }
}
