package io.meshplate.output;

import io.meshplate.OutputException;
import io.meshplate.Problem;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates and checks folders below {@code output/} one segment at a time without following
 * links, so a link planted between planning and applying can never redirect a write. Each folder
 * is checked once per run. Safe for the threads that apply a journal together.
 */
final class SafeDirectories {
  private final Path output;
  private final Set<String> verified = ConcurrentHashMap.newKeySet();
  /** Folders this run created: what is below them is new too. Looking at a folder that is not there costs a thrown exception. */
  private final Set<String> created = ConcurrentHashMap.newKeySet();

  SafeDirectories(Path output) {
    this.output = output;
  }

  /** Creates the parents of {@code relative} as needed and returns the immediate parent. */
  Path ensureParents(String relative) throws IOException {
    walkParents(relative, true);
    return output.resolve(relative).getParent();
  }

  /** Fails if a parent of {@code relative} is a link; creates nothing. */
  void verifyParents(String relative) throws IOException {
    walkParents(relative, false);
  }

  private void walkParents(String relative, boolean create) throws IOException {
    ensureRealDirectory("", output, create, false);
    String parent = "";
    for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
      String dir = relative.substring(0, slash);
      if (!ensureRealDirectory(dir, output.resolve(dir), create, create && created.contains(parent))) {
        return;
      }
      parent = dir;
    }
  }

  /**
   * True when {@code dir} exists (now) as a real directory.
   *
   * @param parentCreated its parent was created by this run: it is created without looking first,
   *     as nothing else puts folders there (a folder that is there all the same is looked at)
   */
  private boolean ensureRealDirectory(String key, Path dir, boolean create, boolean parentCreated)
      throws IOException {
    if (verified.contains(key)) {
      return true;
    }
    if (parentCreated && createdNow(key, dir)) {
      return true;
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isDirectory() || attrs.isSymbolicLink()) {
        throw new OutputException(List.of(Problem.at("output/" + key, 0, 0, OutputSession.RULE_SYMLINK,
            "output/" + key + " is not a real directory; refusing to write through it")
            .withHint("remove it; the next run finishes the interrupted write")));
      }
    } catch (NoSuchFileException absent) {
      if (!create) {
        return false;
      }
      if (!createdNow(key, dir)) {
        // another thread of this run created it a moment ago: look at it again
        return ensureRealDirectory(key, dir, create, false);
      }
    }
    verified.add(key);
    return true;
  }

  /** Creates {@code dir}; false when something is already there. */
  private boolean createdNow(String key, Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException there) {
      return false;
    }
    created.add(key);
    verified.add(key);
    return true;
  }
}
