package io.meshplate.output;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the file system says about a file without reading it: size, modification and change time
 * (nanoseconds) and inode. Any write changes at least one of them, and resetting the
 * modification time by hand still moves the change time, so an equal stamp means an unchanged
 * file, the way Git's index decides it. Where the file system has no {@code unix} view (Windows)
 * the change time and inode are 0 and the file key stands in.
 *
 * <p>A folder's entries are looked at relative to the open folder ({@link SecureDirectoryStream}:
 * {@code fstatat}), not by their whole path, which the kernel would walk again for every file.
 * That view has no change time or inode in the API, so they are read from the JDK's own Unix
 * attributes, which the jar's manifest opens ({@code Add-Opens: java.base/sun.nio.fs}); where that
 * package is not open (the classes run from elsewhere) or the JDK changed, each entry is looked at
 * by its path as {@link #look} does: the same stamp, only slower.
 */
record FileStamp(long size, long modified, long changed, long inode) {
  // Written out, hashing as the record would: a record's generated equals and hashCode go through
  // method handles, linked on the first call (some milliseconds at the start of every render) and
  // slow under the quick compiler; a render with nothing changed compares every output file's stamp.
  @Override
  public boolean equals(Object other) {
    return other instanceof FileStamp s && size == s.size && modified == s.modified && changed == s.changed
        && inode == s.inode;
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(size) * 31 + Long.hashCode(modified)) * 31 + Long.hashCode(changed)) * 31
        + Long.hashCode(inode);
  }

  private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,mode";
  private static final int TYPE_MASK = 0170000;
  private static final int REGULAR = 0100000;
  private static final int FOLDER = 0040000;
  private static final int LINK = 0120000;

  /** The change time and inode of the JDK's Unix attributes, or null where they cannot be read. */
  private static final MethodHandle CTIME;
  private static final MethodHandle INODE;

  static {
    MethodHandle ctime = null;
    MethodHandle inode = null;
    if (UNIX) {
      try {
        Class<?> unix = Class.forName("sun.nio.fs.UnixFileAttributes");
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(unix, MethodHandles.lookup());
        ctime = lookup.findVirtual(unix, "ctime", MethodType.methodType(FileTime.class))
            .asType(MethodType.methodType(FileTime.class, PosixFileAttributes.class));
        inode = lookup.findVirtual(unix, "ino", MethodType.methodType(long.class))
            .asType(MethodType.methodType(long.class, PosixFileAttributes.class));
      } catch (ReflectiveOperationException | RuntimeException notOpen) {
        ctime = null; // not opened to this code, or another JDK: stamps come from the path
        inode = null;
      }
    }
    CTIME = ctime;
    INODE = inode;
  }

  /** What an entry of a folder is, from one look at it (links not followed). */
  enum Kind { FILE, FOLDER, LINK, OTHER }

  /**
   * One look at a folder entry: its kind and, for a regular file or a folder, its stamp. A
   * folder's stamp changes whenever an entry is added to it, removed or renamed, not when a file
   * in it is rewritten in place.
   */
  record Look(Kind kind, FileStamp stamp) {}

  /**
   * One look at {@code entry}, not following a link. Where the JDK's Unix attributes are open to
   * this code, they are read as {@link PosixFileAttributes} and the change time and inode taken
   * from them: asking for {@code "unix:..."} attributes by name builds and parses a map on every
   * call, which took a look at the 52,000 files of 1,000 tenants from 0.21 to 0.30 s of CPU.
   */
  static Look look(Path entry) throws IOException {
    if (CTIME != null) {
      return look(Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }
    if (UNIX) {
      Map<String, Object> attrs = Files.readAttributes(entry, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      int type = (Integer) attrs.get("mode") & TYPE_MASK;
      Kind kind = type == REGULAR ? Kind.FILE : type == FOLDER ? Kind.FOLDER : type == LINK ? Kind.LINK : Kind.OTHER;
      return new Look(kind, kind == Kind.FILE || kind == Kind.FOLDER ? new FileStamp((Long) attrs.get("size"),
          nanos((FileTime) attrs.get("lastModifiedTime")), nanos((FileTime) attrs.get("ctime")), (Long) attrs.get("ino"))
          : null);
    }
    BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Kind kind = attrs.isRegularFile() ? Kind.FILE : attrs.isDirectory() ? Kind.FOLDER
        : attrs.isSymbolicLink() ? Kind.LINK : Kind.OTHER;
    return new Look(kind, kind == Kind.FILE || kind == Kind.FOLDER
        ? new FileStamp(attrs.size(), nanos(attrs.lastModifiedTime()), 0, Objects.hashCode(attrs.fileKey())) : null);
  }

  /**
   * One look at each entry of {@code dir} whose name {@code names} accepts, by name, in a map the
   * caller may change; an entry removed while the folder is listed is left out.
   *
   * @throws java.nio.file.NoSuchFileException {@code dir} does not exist
   */
  static Map<String, Look> list(Path dir, Predicate<String> names) throws IOException {
    Map<String, Look> found = new HashMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      SecureDirectoryStream<Path> open = CTIME != null && stream instanceof SecureDirectoryStream<Path> secure
          ? secure : null;
      for (Path entry : stream) {
        Path name = entry.getFileName();
        String text = name.toString();
        if (names.test(text)) {
          try {
            found.put(text, open == null ? look(entry) : look(open, name));
          } catch (NoSuchFileException gone) {
            // removed while listing: absent
          }
        }
      }
    }
    return found;
  }

  /**
   * One look, by path, at each of {@code names} in {@code dir} that {@code wanted} accepts, by
   * name: for a folder whose stamp proves it still holds exactly the entries of its last listing
   * ({@link OutputState.Listing}), instead of {@link #list}. Null when one of them cannot be looked
   * at (the folder changed since it was stamped): the caller lists it then.
   */
  static Map<String, Look> lookEach(Path dir, Collection<String> names, Predicate<String> wanted) {
    Map<String, Look> found = new HashMap<>();
    for (String name : names) {
      if (wanted.test(name)) {
        try {
          found.put(name, look(dir.resolve(name)));
        } catch (IOException changedMeanwhile) {
          return null;
        }
      }
    }
    return found;
  }

  /**
   * Whether a folder's stamp proves that its entries are those of its last listing: where the
   * stamp has the change time and inode (Unix). Elsewhere every folder is listed.
   */
  static boolean provesListings() {
    return UNIX;
  }

  /** Whether {@link #list} looks at entries relative to their folder (else by their paths). */
  static boolean looksRelative() {
    return CTIME != null;
  }

  /** {@link #look} of an entry of an open folder, relative to it. */
  private static Look look(SecureDirectoryStream<Path> folder, Path name) throws IOException {
    return look(folder.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes());
  }

  /** A look from the JDK's Unix attributes ({@link #CTIME} and {@link #INODE} read them). */
  private static Look look(PosixFileAttributes attrs) {
    Kind kind = attrs.isRegularFile() ? Kind.FILE : attrs.isDirectory() ? Kind.FOLDER
        : attrs.isSymbolicLink() ? Kind.LINK : Kind.OTHER;
    if (kind != Kind.FILE && kind != Kind.FOLDER) {
      return new Look(kind, null);
    }
    try {
      return new Look(kind, new FileStamp(attrs.size(), nanos(attrs.lastModifiedTime()),
          nanos((FileTime) CTIME.invokeExact(attrs)), (long) INODE.invokeExact(attrs)));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException(impossible); // the two accessors declare no checked exception
    }
  }

  /** The stamp of a regular file, or null when {@code file} is anything else (not following links). */
  static FileStamp of(Path file) throws IOException {
    Look look = look(file);
    return look.kind() == Kind.FILE ? look.stamp() : null;
  }

  private static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }
}
