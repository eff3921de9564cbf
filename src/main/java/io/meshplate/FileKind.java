package io.meshplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What is at a path, the last segment never followed when it is a symbolic link. Every input
 * meshplate reads (descriptors, templates, platform values, overlays) is held to one rule: a
 * regular file or folder inside the project, never a link (a link may lead out of the project,
 * and the same commit would render differently, or echo a secret in CI logs, on another
 * machine) and never a special file (a named pipe blocks its reader, a device never ends).
 * Each reader words the refusal for its own input; this is where the kind is decided.
 */
public enum FileKind {
  /** Nothing there, or nothing this process may look at: the reader then says why. */
  ABSENT,
  FILE,
  FOLDER,
  LINK,
  /** A named pipe, socket or device. */
  SPECIAL;

  public static FileKind of(Path path) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException absentOrHidden) {
      return ABSENT;
    }
    if (attributes.isSymbolicLink()) {
      return LINK;
    }
    return attributes.isDirectory() ? FOLDER : attributes.isRegularFile() ? FILE : SPECIAL;
  }
}
