package io.meshplate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build id of a jar changes with any entry's content or name, and only then. */
class BuildIdTest {
  @TempDir Path dir;

  @Test
  void aJarsIdFollowsItsEntriesWithOrWithoutAComment() throws Exception {
    for (String comment : new String[] {null, "a comment moves the end record: the entries are read one by one"}) {
      Map<String, String> entries = new TreeMap<>(Map.of("a/A.class", "one", "b/B.class", "two"));
      String id = id(jar("first.jar", entries, comment));

      assertThat(id(jar("same.jar", entries, comment))).as("same entries, another file").isEqualTo(id);
      entries.put("b/B.class", "tWo");
      String changed = id(jar("changed.jar", entries, comment));
      assertThat(changed).as("one byte of one entry").isNotEqualTo(id);
      entries.put("c/B.class", entries.remove("b/B.class"));
      assertThat(id(jar("renamed.jar", entries, comment))).as("an entry renamed").isNotEqualTo(changed)
          .isNotEqualTo(id);
    }
  }

  private Path jar(String name, Map<String, String> entries, String comment) throws Exception {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        ZipEntry zipEntry = new ZipEntry(entry.getKey());
        zipEntry.setTime(0);
        zip.putNextEntry(zipEntry);
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      if (comment != null) {
        zip.setComment(comment);
      }
    }
    return jar;
  }

  private static String id(Path jar) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    BuildId.digestJar(jar, digest);
    return HexFormat.of().formatHex(digest.digest());
  }
}
