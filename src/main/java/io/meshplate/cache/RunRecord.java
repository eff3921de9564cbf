package io.meshplate.cache;

import io.meshplate.BytesIn;
import io.meshplate.BytesOut;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.manifest.FolderId;
import io.meshplate.output.Sealed;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last complete run that passed, in {@code .meshplate/cache/last-run}: a digest of every
 * input ({@link InputDigest}), what it rendered (each folder with the key of its cache entry),
 * its counts and its CODEOWNERS text. A run whose inputs have the same digest would validate,
 * render and check exactly the same, so it skips straight to comparing each folder's cached
 * files with {@code output/}; anything that differs there is rendered as usual.
 *
 * @param folders every folder rendered, with its cache key, in path order
 * @param codeOwners the CODEOWNERS text, or null when the project does not manage the file
 * @param warnings what the run warned about (the connectivity check's findings that never fail
 *     a run), shown again by a run that starts from this record
 */
public record RunRecord(byte[] inputs, List<String> overlays, List<Folder> folders, int tenants, int overlayCount,
    int placements, long objects, String codeOwners, List<Problem> warnings) {
  private static final String FORMAT = "meshplate-last-run 3";
  private static final String FILE = "last-run";

  /** One folder of the run and the key of its cache entry. */
  public record Folder(FolderId id, byte[] key) {}

  public RunRecord {
    inputs = inputs.clone();
    overlays = List.copyOf(overlays);
    folders = List.copyOf(folders);
    warnings = List.copyOf(warnings);
  }

  /** The digest of this workspace's inputs for a run of everything, or null without a cache. */
  public static byte[] inputsOf(Workspace workspace, CacheDir cache) {
    return cache.enabled() ? InputDigest.of(workspace, cache.build(), "all") : null;
  }

  /** The last run's record when its inputs are exactly {@code inputs}; otherwise null. */
  public static RunRecord matching(CacheDir cache, byte[] inputs) {
    if (!cache.enabled() || inputs == null) {
      return null;
    }
    try {
      byte[] all = BytesIn.readFile(cache.dir().resolve(FILE));
      RunRecord record = decode(all);
      return Arrays.equals(record.inputs, inputs) ? record : null;
    } catch (IOException | RuntimeException absentOrDamaged) {
      return null;
    }
  }

  /** Saves this record as the last run; failing to only costs time next run. */
  public void save(CacheDir cache) {
    if (!cache.enabled()) {
      return;
    }
    Path file = cache.dir().resolve(FILE);
    Path temp = cache.dir().resolve(FILE + ".tmp");
    try {
      Files.createDirectories(cache.dir());
      Files.write(temp, encode());
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // replaced next time
      }
    }
  }

  /** Forgets the last run (an input changed and the new run did not complete). */
  public static void forget(CacheDir cache) {
    if (cache.enabled()) {
      try {
        Files.deleteIfExists(cache.dir().resolve(FILE));
      } catch (IOException ignored) {
        // a stale record never matches new inputs anyway
      }
    }
  }

  private byte[] encode() throws IOException {
    BytesOut bytes = new BytesOut(64 * folders.size() + 256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(FORMAT);
      out.writeInt(inputs.length);
      out.write(inputs);
      out.writeInt(overlays.size());
      for (String overlay : overlays) {
        out.writeUTF(overlay);
      }
      out.writeInt(tenants);
      out.writeInt(overlayCount);
      out.writeInt(placements);
      out.writeLong(objects);
      out.writeBoolean(codeOwners != null);
      if (codeOwners != null) {
        byte[] text = codeOwners.getBytes(StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
      }
      out.writeInt(folders.size());
      for (Folder folder : folders) {
        out.writeUTF(folder.id().overlay());
        out.writeBoolean(folder.id().tenant() != null);
        if (folder.id().tenant() != null) {
          out.writeUTF(folder.id().tenant());
        }
        out.write(folder.key());
      }
      out.writeInt(warnings.size());
      for (Problem warning : warnings) {
        for (String text : new String[] {warning.file(), warning.rule(), warning.message(),
            warning.hint() == null ? "" : warning.hint()}) {
          byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
          out.writeInt(utf8.length);
          out.write(utf8);
        }
        out.writeInt(warning.line());
        out.writeInt(warning.column());
      }
    }
    return Sealed.seal(bytes.toByteArray());
  }

  private static RunRecord decode(byte[] all) throws IOException {
    try (DataInputStream in = BytesIn.of(all, Sealed.open(all))) {
      if (!FORMAT.equals(in.readUTF())) {
        throw new IOException("another format");
      }
      byte[] inputs = new byte[in.readInt()];
      in.readFully(inputs);
      List<String> overlays = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        overlays.add(in.readUTF());
      }
      int tenants = in.readInt();
      int overlayCount = in.readInt();
      int placements = in.readInt();
      long objects = in.readLong();
      String codeOwners = null;
      if (in.readBoolean()) {
        byte[] text = new byte[in.readInt()];
        in.readFully(text);
        codeOwners = new String(text, StandardCharsets.UTF_8);
      }
      List<Folder> folders = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        String overlay = in.readUTF();
        String tenant = in.readBoolean() ? in.readUTF() : null;
        byte[] key = new byte[32];
        in.readFully(key);
        folders.add(new Folder(new FolderId(overlay, tenant), key));
      }
      List<Problem> warnings = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        String[] text = new String[4];
        for (int j = 0; j < text.length; j++) {
          byte[] utf8 = new byte[in.readInt()];
          in.readFully(utf8);
          text[j] = new String(utf8, StandardCharsets.UTF_8);
        }
        warnings.add(new Problem(text[0], in.readInt(), in.readInt(), text[1], text[2],
            text[3].isEmpty() ? null : text[3]));
      }
      return new RunRecord(inputs, overlays, folders, tenants, overlayCount, placements, objects, codeOwners,
          warnings);
    }
  }

}
