package io.meshplate.output;

import io.meshplate.IoFailure;
import io.meshplate.Problem;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The folders leading to each folder a session fills: each must be a real folder or absent. A
 * file meshplate owns in the way is deleted first; anything else in the way (a link, another
 * file) stops the run before it writes. Each folder is looked at once per session.
 */
final class Ancestors {
  /** What a folder on the way is. */
  enum State { FOLDER, ABSENT, BLOCKED }

  private final OutputSession session;
  private final Path output;
  private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, FileStamp> stamps = new ConcurrentHashMap<>();

  Ancestors(OutputSession session, Path output) {
    this.session = session;
    this.output = output;
  }

  /** The state of {@code folder} after looking at it and every folder above it. */
  State check(String folder) {
    State state = state("");
    int from = 0;
    while (state == State.FOLDER) {
      int slash = folder.indexOf('/', from);
      state = state(slash < 0 ? folder : folder.substring(0, slash));
      if (slash < 0) {
        break;
      }
      from = slash + 1;
    }
    return state;
  }

  /**
   * The stamp {@code folder} had when {@link #check} looked at it, or null when it was not a
   * folder then (or not looked at).
   */
  FileStamp stamp(String folder) {
    return stamps.get(folder);
  }

  private State state(String relative) {
    State known = states.get(relative);
    return known != null ? known : states.computeIfAbsent(relative, this::look);
  }

  private State look(String relative) {
    String shown = relative.isEmpty() ? "output" : "output/" + relative;
    FileStamp.Look look;
    try {
      look = FileStamp.look(relative.isEmpty() ? output : output.resolve(relative));
    } catch (NoSuchFileException absent) {
      return State.ABSENT;
    } catch (IOException e) {
      session.problem(IoFailure.problem(IoFailure.OUTPUT_READ, shown, "cannot read", e));
      return State.BLOCKED;
    }
    if (look.kind() == FileStamp.Kind.FOLDER) {
      stamps.put(relative, look.stamp());
      return State.FOLDER;
    }
    if (look.kind() == FileStamp.Kind.LINK) {
      session.problem(Problem.at(shown, 0, 0, OutputSession.RULE_SYMLINK, shown
              + (relative.isEmpty() ? "/ is a symbolic link; meshplate never writes through links"
                  : " is a symbolic link; meshplate never writes through links"))
          .withHint("replace the link with a real directory or remove it"));
      return State.BLOCKED;
    }
    if (!relative.isEmpty() && look.kind() == FileStamp.Kind.FILE && session.isOwned(relative)) {
      session.deleteInTheWay(relative);
      return State.ABSENT;
    }
    session.problem(Problem.at(shown, 0, 0, OutputSession.RULE_CONFLICT,
            shown + " is a file but a folder of rendered files is needed there")
        .withHint("remove or rename what is in the way; nothing was written"));
    return State.BLOCKED;
  }
}
