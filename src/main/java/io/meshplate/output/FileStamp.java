package io.meshplate.output;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;

/**
 * What the file system says about a file without reading it: size, modification and change time
 * (nanoseconds) and inode. Any write changes at least one of them, and resetting the
 * modification time by hand still moves the change time, so an equal stamp means an unchanged
 * file, the way Git's index decides it. Where the file system has no {@code unix} view (Windows)
 * the change time and inode are 0 and the file key stands in.
 */
record FileStamp(long size, long modified, long changed, long inode) {
  private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,mode";
  private static final int TYPE_MASK = 0170000;
  private static final int REGULAR = 0100000;
  private static final int FOLDER = 0040000;
  private static final int LINK = 0120000;

  /** What an entry of a folder is, from one look at it (links not followed). */
  enum Kind { FILE, FOLDER, LINK, OTHER }

  /** One look at a folder entry: its kind and, for a regular file, its stamp. */
  record Look(Kind kind, FileStamp stamp) {}

  static Look look(Path entry) throws IOException {
    if (UNIX) {
      Map<String, Object> attrs = Files.readAttributes(entry, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      int type = (Integer) attrs.get("mode") & TYPE_MASK;
      if (type == REGULAR) {
        return new Look(Kind.FILE, new FileStamp((Long) attrs.get("size"),
            nanos((FileTime) attrs.get("lastModifiedTime")), nanos((FileTime) attrs.get("ctime")), (Long) attrs.get("ino")));
      }
      return new Look(type == FOLDER ? Kind.FOLDER : type == LINK ? Kind.LINK : Kind.OTHER, null);
    }
    BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attrs.isRegularFile()) {
      return new Look(Kind.FILE, new FileStamp(attrs.size(), nanos(attrs.lastModifiedTime()), 0,
          Objects.hashCode(attrs.fileKey())));
    }
    return new Look(attrs.isDirectory() ? Kind.FOLDER : attrs.isSymbolicLink() ? Kind.LINK : Kind.OTHER, null);
  }

  /**
   * One look at each entry of {@code dir} whose name {@code names} accepts, by name, in a map the
   * caller may change; an entry removed while the folder is listed is left out.
   *
   * @throws java.nio.file.NoSuchFileException {@code dir} does not exist
   */
  static Map<String, Look> list(Path dir, java.util.function.Predicate<String> names) throws IOException {
    Map<String, Look> found = new java.util.HashMap<>();
    try (java.nio.file.DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path entry : stream) {
        String name = entry.getFileName().toString();
        if (names.test(name)) {
          try {
            found.put(name, look(entry));
          } catch (java.nio.file.NoSuchFileException gone) {
            // removed while listing: absent
          }
        }
      }
    }
    return found;
  }

  /** The stamp of a regular file, or null when {@code file} is anything else (not following links). */
  static FileStamp of(Path file) throws IOException {
    Look look = look(file);
    return look.kind() == Kind.FILE ? look.stamp() : null;
  }

  private static long nanos(FileTime time) {
    return time.to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }
}
