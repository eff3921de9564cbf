package io.meshplate.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * Test helper: leaves a project as a render killed right after its commit point leaves it: the
 * journal of the change from what {@code output/} holds to {@code desired} committed in
 * {@code .meshplate/}, and only the first {@code applied} of its writes done.
 */
public final class CommittedWrites {
  private CommittedWrites() {}

  public static void commitAndStop(Path root, SortedMap<String, byte[]> desired, List<String> scopes, int applied) {
    WriteReport plan = OutputWriter.plan(root, desired, scopes);
    try {
      Path staging = Files.createDirectories(root.resolve(".meshplate/staging"));
      ByteArrayOutputStream pack = new ByteArrayOutputStream();
      StringBuilder journal = new StringBuilder("meshplate-journal 2\nboot -\nwriter pid 1 on host test\n");
      int entries = 0;
      for (String path : plan.deletedPaths()) {
        journal.append("D ").append(path).append('\n');
        entries++;
      }
      int done = 0;
      for (String path : plan.writtenPaths()) {
        byte[] bytes = desired.get(path);
        journal.append("W ").append(pack.size()).append(' ').append(bytes.length).append(' ').append(path).append('\n');
        pack.write(bytes);
        entries++;
        if (done++ < applied) {
          Path target = root.resolve("output").resolve(path);
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.write(target, bytes);
        }
      }
      journal.append("commit pack ").append(pack.size()).append(" entries ").append(entries).append("\nend\n");
      Files.write(staging.resolve("pack"), pack.toByteArray());
      Files.writeString(root.resolve(".meshplate/journal"), journal, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file below {@code dir}, by relative path. */
  public static SortedMap<String, byte[]> read(Path dir) {
    return OutputTrees.read(dir);
  }
}
