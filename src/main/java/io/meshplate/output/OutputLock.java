package io.meshplate.output;

import io.meshplate.IoFailure;
import io.meshplate.OutputException;
import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writer lock {@code .meshplate/lock}: published atomically with its content (a hard link of
 * a file written first, see {@link #create}), holding pid, host and the holder's process start time. The start time tells a
 * live holder from a new process that happens to reuse a dead holder's pid.
 */
final class OutputLock implements AutoCloseable {
  static final String RULE_LOCKED = "OUTPUT-LOCKED";
  static final String RULE_STALE = "OUTPUT-LOCK-STALE";

  private final Path file;

  private OutputLock(Path file) {
    this.file = file;
  }

  static OutputLock acquire(Path metaDir) {
    return acquire(metaDir, false);
  }

  /**
   * Takes the lock. With {@code takeOverDead}, a lock whose holder is provably gone (same host,
   * process not running or its pid reused) is replaced: only done when that holder committed a
   * journal, whose completion cannot wait for a person. Takers-over serialise on an operating
   * system lock of {@code lock.guard}, released by the kernel even when a process dies, so two
   * of them never both replace the same lock.
   */
  static OutputLock acquire(Path metaDir, boolean takeOverDead) {
    Path file = metaDir.resolve("lock");
    try {
      return create(file);
    } catch (FileAlreadyExistsException held) {
      if (!takeOverDead) {
        throw refusal(file, Holder.read(file));
      }
      return takeOver(metaDir, file);
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_WRITE, ".meshplate/lock", "cannot create the output lock", e);
    }
  }

  /**
   * Publishes the lock with its content in one step: the holder's description is written and
   * synced to a file of this process first, then hard-linked as {@code lock} (link fails when
   * the name exists, atomically, like {@code CREATE_NEW}). Another run therefore never sees a
   * lock without its holder, which it would take for one whose writer died, and remove. Where
   * the file system has no hard links the lock is created and then written.
   */
  private static OutputLock create(Path file) throws IOException {
    byte[] content = describeSelf().getBytes(StandardCharsets.UTF_8);
    Path pending = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".pending");
    Files.write(pending, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    try {
      Files.createLink(file, pending);
    } catch (UnsupportedOperationException | FileSystemException noLinks) {
      if (noLinks instanceof FileAlreadyExistsException held) {
        throw held;
      }
      Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    } finally {
      Files.deleteIfExists(pending);
    }
    return new OutputLock(file);
  }

  private static OutputLock takeOver(Path metaDir, Path file) {
    try (FileChannel guard = FileChannel.open(metaDir.resolve("lock.guard"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = guard.lock()) {
      try {
        return create(file);
      } catch (FileAlreadyExistsException stillThere) {
        Optional<Holder> holder = Holder.read(file);
        if (holder.isPresent() && holder.get().isAliveHere()) {
          throw refusal(file, holder);
        }
        if (holder.isEmpty() && isYoung(file)) {
          throw new OutputException(List.of(Problem.at(".meshplate/lock", 0, 0, RULE_LOCKED,
                  "another meshplate run is taking the output lock right now")
              .withHint("wait for it to finish; output/ is written by one run at a time")));
        }
        Files.deleteIfExists(file);
        return create(file);
      }
    } catch (FileAlreadyExistsException raced) {
      throw refusal(file, Holder.read(file));
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_WRITE, ".meshplate/lock", "cannot take over the output lock", e);
    }
  }

  /** An unreadable lock younger than this may be one whose writer is still writing it. */
  private static boolean isYoung(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minusSeconds(10));
    } catch (IOException gone) {
      return false;
    }
  }

  /**
   * A refusal as a command that only reads {@code output/} meets it: a live run holds the lock
   * and has committed a write it is applying, so {@code output/} is between two states.
   */
  static OutputException whileApplying(OutputException refusal) {
    if (refusal.problems().stream().noneMatch(p -> RULE_LOCKED.equals(p.rule()))) {
      return refusal;
    }
    Problem held = refusal.problems().get(0);
    return new OutputException(List.of(Problem.at(held.file(), 0, 0, RULE_LOCKED,
            "output/ is being written right now (" + held.message()
                + "); it is partly the old and partly the new tree until that run finishes")
        .withHint("run this command again when that run has finished")), refusal);
  }

  /** The holder of the lock, if the lock exists and can be read. */
  static Optional<Holder> holder(Path metaDir) {
    return Holder.read(metaDir.resolve("lock"));
  }

  /** Removes the lock only when its holder is provably gone; otherwise explains why not. */
  static String forceUnlock(Path metaDir) {
    Path file = metaDir.resolve("lock");
    Optional<Holder> holder = Holder.read(file);
    if (!Files.exists(file)) {
      return "no lock held";
    }
    if (holder.isPresent() && holder.get().isAliveHere()) {
      throw refusal(file, holder);
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_WRITE, ".meshplate/lock", "cannot remove the output lock", e);
    }
    return "removed lock of " + holder.map(Holder::describe).orElse("an unknown holder");
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_WRITE, ".meshplate/lock", "cannot release the output lock", e);
    }
  }

  private static OutputException refusal(Path file, Optional<Holder> holder) {
    String where = ".meshplate/lock";
    if (holder.isPresent() && holder.get().isAliveHere()) {
      String hint = holder.get().isOtherHost()
          ? "it was taken on another host, which this run cannot check; if that run is gone, delete "
              + file.toAbsolutePath()
          : "wait for it to finish; output/ is written by one run at a time";
      return new OutputException(List.of(Problem.at(where, 0, 0, RULE_LOCKED,
              "another meshplate run holds the output lock: " + holder.get().describe())
          .withHint(hint)));
    }
    String who = holder.map(Holder::describe)
        .orElse("an unreadable lock (its writer died while creating it)");
    return new OutputException(List.of(Problem.at(where, 0, 0, RULE_STALE,
            "stale output lock left by " + who + " whose process is no longer running")
        .withHint("make sure no other meshplate run is writing, then rerun with --force-unlock or delete "
            + file.toAbsolutePath())));
  }

  /** This process as the journal names its writer. */
  static String describeSelfOnOneLine() {
    ProcessHandle self = ProcessHandle.current();
    return "pid " + self.pid() + " on host " + Messages.escape(hostName());
  }

  private static String describeSelf() {
    ProcessHandle self = ProcessHandle.current();
    String started = self.info().startInstant().map(Instant::toString).orElse("unknown");
    return "pid=" + self.pid() + "\nhost=" + hostName() + "\nstarted=" + started + "\n";
  }

  static String hostName() {
    return HostName.NAME;
  }

  /**
   * This machine's name, read once. On Linux the kernel's own record of it: asking
   * {@link InetAddress#getLocalHost} looks the name up in DNS, which costs a run milliseconds and,
   * where the resolver is misconfigured (a CI runner), seconds of timeout before any work starts.
   */
  private static final class HostName {
    static final String NAME = read();

    private static String read() {
      try {
        String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
        if (!kernel.isEmpty()) {
          return kernel;
        }
      } catch (IOException | RuntimeException notLinux) {
        // elsewhere the JDK asks the system
      }
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return "unknown";
      }
    }
  }

  /** The parsed content of a lock file. */
  record Holder(long pid, String host, String started) {
    static Optional<Holder> read(Path file) {
      try {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int eq = line.indexOf('=');
          if (eq > 0) {
            fields.put(line.substring(0, eq), line.substring(eq + 1));
          }
        }
        return Optional.of(new Holder(Long.parseLong(fields.getOrDefault("pid", "")),
            fields.getOrDefault("host", "unknown"), fields.getOrDefault("started", "unknown")));
      } catch (IOException | NumberFormatException unreadable) {
        return Optional.empty();
      }
    }

    boolean isOtherHost() {
      return !host.equals(hostName());
    }

    /** A holder on another host counts as alive: nothing here can prove otherwise. */
    boolean isAliveHere() {
      if (isOtherHost()) {
        return true;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (process.isEmpty()) {
        return false;
      }
      Optional<String> processStart = process.get().info().startInstant().map(Instant::toString);
      // A different start time means the pid was reused by an unrelated process.
      return processStart.isEmpty() || "unknown".equals(started) || processStart.get().equals(started);
    }

    String describe() {
      return "pid " + pid + " on host " + Messages.escape(host) + " (started " + Messages.escape(started) + ")";
    }
  }
}
