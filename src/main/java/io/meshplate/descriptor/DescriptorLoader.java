package io.meshplate.descriptor;

import io.meshplate.FileKind;
import io.meshplate.InvalidInputException;
import io.meshplate.IoFailure;
import io.meshplate.Problem;
import io.meshplate.Sha256;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads and validates every tenant descriptor of a workspace: strict YAML, then the JSON
 * Schema, then the semantic rules (names, uniqueness, cross-tenant references, environments,
 * environment overrides), and binds the result to {@link TenantSpec}.
 *
 * <p>Every problem of every file is collected before anything fails, so one run tells a tenant
 * team everything to fix. Work is linear in the number of tenants: references resolve through
 * one index built from all files.
 */
public final class DescriptorLoader {
  static final String EXTENSION = ".yaml";

  /** Schema rules that the Java name checks report more precisely at the same node. */
  private static final Set<String> SUPERSEDED_BY_SEMANTICS = Set.of("SCHEMA-PATTERN", "SCHEMA-LENGTH");

  private DescriptorLoader() {}

  /** A file that parsed (possibly with recoverable problems) and what is known about it. */
  private record Parsed(String name, String file, StrictYaml.Document document, byte[] digest) {}

  /** One file as read and parsed. */
  private record Read(String name, String file, StrictYaml.Parsed result, byte[] digest) {}

  /**
   * Loads all {@code tenants/*.yaml}.
   *
   * @throws InvalidInputException (exit 3) with every problem of every file, sorted
   * @throws UsageException (exit 2) when the workspace has no {@code tenants/} folder
   */
  public static Tenants loadAll(Workspace workspace) {
    return loadAll(workspace, ContentMemo.NONE);
  }

  /** As {@link #loadAll(Workspace)}, skipping the schema check of contents {@code memo} knows. */
  public static Tenants loadAll(Workspace workspace, ContentMemo memo) {
    return read(workspace, memo).checked();
  }

  /**
   * Reads and parses every descriptor (as {@code memo} knows it, or parsed), without the checks
   * across them yet: {@link Loaded#checked} or, for inputs a run checked before, {@link Loaded#known}.
   */
  public static Loaded read(Workspace workspace, ContentMemo memo) {
    PlatformConfig platform = PlatformConfig.read(workspace, memo);
    List<Problem> problems = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    ReferenceIndex index = new ReferenceIndex();
    // Files are independent until the cross-tenant checks: read and parse them on every core.
    List<Read> reads = descriptorFiles(workspace, problems).parallelStream().map(path -> read(workspace, path, memo)).toList();
    MessageDigest inputs = Sha256.digest();
    for (Read one : reads) {
      problems.addAll(one.result().problems());
      one.result().document().ifPresentOrElse(document -> {
        parsed.add(new Parsed(one.name(), one.file(), document, one.digest()));
        index.add(one.name(), document.root());
      }, () -> index.addUnreadable(one.name()));
      inputs.update(one.file().getBytes(StandardCharsets.UTF_8));
      inputs.update((byte) 0);
      inputs.update(one.digest());
    }
    return new Loaded(platform, problems, parsed, index, memo, inputs.digest());
  }

  /** Every descriptor as read and parsed, with the problems reading found. */
  public static final class Loaded {
    private final PlatformConfig platform;
    private final List<Problem> problems;
    private final List<Parsed> parsed;
    private final ReferenceIndex index;
    private final ContentMemo memo;
    private final byte[] digest;

    private Loaded(PlatformConfig platform, List<Problem> problems, List<Parsed> parsed, ReferenceIndex index,
        ContentMemo memo, byte[] digest) {
      this.platform = platform;
      this.problems = problems;
      this.parsed = parsed;
      this.index = index;
      this.memo = memo;
      this.digest = digest;
    }

    /** A SHA-256 of every descriptor file's name and content, in name order. */
    public byte[] digest() {
      return digest.clone();
    }

    /**
     * The tenants, after the JSON Schema (where the memo does not know the content) and the
     * semantic rules.
     *
     * @throws InvalidInputException (exit 3) with every problem of every file, sorted
     */
    public Tenants checked() {
      List<Problem> all = new ArrayList<>(problems);
      SemanticChecks semantic = new SemanticChecks(index, platform);
      List<List<Finding>> findings = parsed.parallelStream().map(one -> check(one, semantic, memo)).toList();
      for (int i = 0; i < parsed.size(); i++) {
        for (Finding finding : findings.get(i)) {
          all.add(finding.toProblem(parsed.get(i).document().positions()));
        }
      }
      return tenants(all);
    }

    /**
     * The tenants without the schema and the semantic rules: only for descriptors whose names and
     * contents ({@link #digest}), with the platform files as they are, passed every check in a run
     * of this build (the checks are a function of those inputs). Problems of reading are still
     * thrown: a file beside the descriptors ({@code .yml}, a link) is not in the digest.
     *
     * @throws InvalidInputException (exit 3) with the problems of reading
     */
    public Tenants known() {
      // Each content passed the schema in that run: keep the memo's verdicts for the next one.
      parsed.forEach(one -> memo.remember(one.digest()));
      return tenants(problems);
    }

    private Tenants tenants(List<Problem> problems) {
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
      List<Tenant> tenants = new ArrayList<>();
      for (Parsed one : parsed) {
        Map<String, Object> specTree = Nodes.map(one.document().rootMap().get("spec"));
        tenants.add(new Tenant(one.name(), one.file(), SpecBinding.bind(specTree), specTree,
            one.document().positions()));
      }
      return Tenants.of(tenants);
    }
  }

  /**
   * Validates one descriptor held in memory, alone ({@code meshplate new} checks its skeleton
   * before writing it): strict YAML, schema and the semantic rules.
   *
   * @throws InvalidInputException (exit 3) with its problems
   */
  public static Tenant loadOne(Workspace workspace, String name, byte[] content) {
    String file = "tenants/" + name + EXTENSION;
    StrictYaml.Document document = StrictYaml.read(file, content, YamlLimits.DESCRIPTOR);
    ReferenceIndex index = new ReferenceIndex();
    index.add(name, document.root());
    List<Problem> problems = new ArrayList<>();
    Parsed parsed = new Parsed(name, file, document, Sha256.of(content));
    for (Finding finding : check(parsed, new SemanticChecks(index, PlatformConfig.read(workspace, ContentMemo.NONE)), ContentMemo.NONE)) {
      problems.add(finding.toProblem(document.positions()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Map<String, Object> specTree = Nodes.map(document.rootMap().get("spec"));
    return new Tenant(name, file, SpecBinding.bind(specTree), specTree, document.positions());
  }

  /** One file: parsed, or as it parsed before when {@code memo} knows its content. */
  private static Read read(Workspace workspace, Path path, ContentMemo memo) {
    String file = workspace.display(path);
    byte[] content = read(path, file);
    byte[] digest = Sha256.of(content);
    StrictYaml.Document known = memo.parsed(digest, file);
    if (known != null) {
      return new Read(stem(path), file, new StrictYaml.Parsed(Optional.of(known), List.of()), digest);
    }
    StrictYaml.Parsed parsed = StrictYaml.parse(file, content, YamlLimits.DESCRIPTOR);
    // Kept before the memo sees it: a review's other side then shares this one document.
    Optional<StrictYaml.Document> kept = parsed.document().map(StrictYaml.Document::kept);
    if (parsed.problems().isEmpty()) {
      kept.ifPresent(document -> memo.parsed(digest, document));
    }
    return new Read(stem(path), file, new StrictYaml.Parsed(kept, parsed.problems()), digest);
  }

  private static List<Finding> check(Parsed one, SemanticChecks semantic, ContentMemo memo) {
    Object root = one.document().root();
    boolean known = memo.passed(one.digest());
    List<Finding> schema = known ? List.of() : DescriptorSchema.validate(root);
    List<Finding> rules = semantic.check(one.name(), root);
    List<Finding> all = new ArrayList<>(schema);
    all.addAll(rules);
    all.addAll(OverrideChecks.check(one.name(), root, semantic, all, !known));
    if (all.stream().noneMatch(f -> f.rule().startsWith("SCHEMA-"))) {
      memo.remember(one.digest());
    }
    Set<String> checkedInJava = new HashSet<>();
    all.stream().filter(f -> !f.rule().startsWith("SCHEMA-")).forEach(f -> checkedInJava.add(f.pointer()));
    return all.stream()
        .filter(f -> !(SUPERSEDED_BY_SEMANTICS.contains(f.rule()) && checkedInJava.contains(f.pointer())))
        .toList();
  }

  /**
   * {@code tenants/*.yaml}, sorted by name. Everything else that looks like a descriptor is
   * refused at {@code file:1:1} rather than skipped, so no tenant silently drops out of a render:
   * {@code .yml} and upper-case extensions, links, folders, pipes and other special files. A
   * {@code tenants/} folder that is itself a link is refused before anything is read through it.
   */
  private static List<Path> descriptorFiles(Workspace workspace, List<Problem> problems) {
    Path dir = workspace.tenants();
    if (FileKind.of(dir) == FileKind.LINK) {
      // Following it could make CI read, and echo in its logs, files outside the repository.
      throw new InvalidInputException(List.of(new Problem("tenants/", 1, 1, "DESCRIPTOR-SYMLINK",
          "the tenants/ folder is a symbolic link; descriptors are read only from a real folder in the repository",
          "replace the link with the folder itself")));
    }
    if (!Files.isDirectory(dir)) {
      throw new UsageException("no tenants/ folder in " + workspace.root()
          + " (run from the project root, pass --root DIR, or create one with 'meshplate new')");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> files = new ArrayList<>();
      entries.sorted().forEach(path -> descriptorFile(workspace, path, problems).ifPresent(files::add));
      return files;
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, workspace.display(dir), "cannot list", e);
    }
  }

  private static Optional<Path> descriptorFile(Workspace workspace, Path path, List<Problem> problems) {
    String fileName = path.getFileName().toString();
    String lower = fileName.toLowerCase(Locale.ROOT);
    boolean yaml = lower.endsWith(EXTENSION) || lower.endsWith(".yml");
    if (!yaml) {
      return Optional.empty(); // README.md, .gitkeep: not descriptors
    }
    String shown = workspace.display(path);
    FileKind kind = FileKind.of(path);
    if (!fileName.endsWith(EXTENSION)) {
      String stem = fileName.substring(0, fileName.lastIndexOf('.'));
      boolean validStem = NameRules.dnsLabel(stem).isEmpty();
      problems.add(new Problem(shown, 1, 1, "DESCRIPTOR-EXTENSION",
          "descriptor files end in lower-case .yaml; this file is not read",
          validStem ? "rename it to " + stem + EXTENSION : "rename it to <tenant>.yaml, the tenant's name"));
    } else if (kind == FileKind.LINK) {
      // A link in a pull request could make the tool read, and echo in CI logs, a file
      // outside the repository (a secret, a token). Descriptors are plain files.
      problems.add(new Problem(shown, 1, 1, "DESCRIPTOR-SYMLINK",
          "descriptor files must be regular files, not symbolic links; this file is not read",
          "replace the link with the descriptor itself"));
    } else if (kind == FileKind.FOLDER) {
      problems.add(new Problem(shown, 1, 1, "DESCRIPTOR-NOT-FILE",
          "this is a folder named like a descriptor; nothing in it is read", "descriptors are files tenants/<tenant>.yaml"));
    } else if (kind != FileKind.FILE) {
      // A named pipe would block the reader forever; a device could be read without end.
      problems.add(new Problem(shown, 1, 1, "DESCRIPTOR-NOT-FILE",
          "this is a special file (a named pipe, socket or device), not a descriptor; it is not read",
          "descriptors are regular files tenants/<tenant>.yaml"));
    } else {
      return Optional.of(path);
    }
    return Optional.empty();
  }

  private static String stem(Path path) {
    String fileName = path.getFileName().toString();
    return fileName.substring(0, fileName.length() - EXTENSION.length());
  }

  /** At most one byte more than the limit: enough for the reader to refuse an oversized file. */
  private static byte[] read(Path path, String file) {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(YamlLimits.DESCRIPTOR.maxBytes() + 1);
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, file, "cannot read", e);
    }
  }
}
