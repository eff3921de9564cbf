package io.meshplate.review;

import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import io.meshplate.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A copy of the project's {@code tenants/} and {@code templates/} in a temporary folder, rendered
 * by the real {@link Pipeline}. Renders are remembered by the bytes of the sources, so the many
 * tests that build the same scripted pull request render it once per JVM.
 */
final class ProjectTree {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  /** Folders a render writes, relative to the root. */
  private static final List<String> GENERATED = List.of("output", ".github");
  private static final Map<SortedMap<String, String>, SortedMap<String, byte[]>> RENDERS =
      new ConcurrentHashMap<>();

  final Path root;

  ProjectTree(Path root) {
    this.root = root;
  }

  /** The project's descriptors and templates, copied below {@code root} (no output yet). */
  static ProjectTree copyOfProject(Path root) {
    copy(PROJECT.resolve("templates"), root.resolve("templates"));
    copy(PROJECT.resolve("tenants"), root.resolve("tenants"));
    return new ProjectTree(root);
  }

  /**
   * The project's templates with {@code count} generated tenants {@code t0000...}: each serves an
   * {@code api} its predecessor may call, calls its successor and reaches one external host, so
   * the shape of an organisation repeats at scale.
   */
  static ProjectTree synthetic(Path root, int count) {
    copy(PROJECT.resolve("templates"), root.resolve("templates"));
    // The shipped prod overlay patches storefront's gateway, so the examples come along.
    copy(PROJECT.resolve("tenants"), root.resolve("tenants"));
    ProjectTree tree = new ProjectTree(root);
    for (int i = 0; i < count; i++) {
      String name = name(i);
      tree.write("tenants/" + name + ".yaml", String.format(Locale.ROOT, """
          apiVersion: meshplate.io/v1alpha1
          kind: Tenant
          metadata:
            name: %1$s
          spec:
            owners: ["@acme/%1$s"]
            environments: [dev, prod]
            services:
              - name: api
                ports:
                  - {name: http, port: 8080, protocol: HTTP}
                allow:
                  - from: {tenant: %2$s, service: api}
                    methods: [GET]
                    paths: [/v1/*]
            calls:
              - {tenant: %3$s, service: api}
            egress:
              - {host: api.%1$s.example.com, port: 443, tls: originate}
          """, name, name((i + count - 1) % count), name((i + 1) % count)));
    }
    return tree;
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "t%04d", i);
  }

  Workspace workspace() {
    return new Workspace(root);
  }

  /**
   * Renders every overlay with the real pipeline, replacing {@code output/} and
   * {@code .github/CODEOWNERS}; a second tree with the same sources reuses the first render's files.
   */
  ProjectTree render() {
    SortedMap<String, String> sources = new TreeMap<>();
    bytes(List.of("tenants", "templates")).forEach((path, content) ->
        sources.put(path, new String(content, StandardCharsets.UTF_8)));
    SortedMap<String, byte[]> generated = RENDERS.get(sources);
    if (generated == null) {
      new Pipeline(workspace()).renderAndWrite(Selection.ALL, null);
      generated = bytes(GENERATED);
      RENDERS.put(sources, generated);
    } else {
      GENERATED.forEach(folder -> delete(root.resolve(folder)));
      generated.forEach((path, content) -> write(path, content));
    }
    return this;
  }

  String read(String path) {
    try {
      return Files.readString(root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code old} by {@code replacement} in a file; fails when {@code old} is not there. */
  ProjectTree replace(String path, String old, String replacement) {
    String text = read(path);
    if (!text.contains(old)) {
      throw new IllegalStateException(path + " does not contain: " + old);
    }
    write(path, text.replace(old, replacement).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  ProjectTree write(String path, String text) {
    return write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  ProjectTree write(String path, byte[] content) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ProjectTree remove(String path) {
    try {
      Files.delete(root.resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file below the folders, by path relative to the root. */
  SortedMap<String, byte[]> bytes(List<String> folders) {
    SortedMap<String, byte[]> out = new TreeMap<>();
    for (String folder : folders) {
      Path start = root.resolve(folder);
      if (!Files.isDirectory(start)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(start)) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          out.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static void copy(Path from, Path to) {
    TestFiles.copy(from, to);
  }

  static void delete(Path root) {
    TestFiles.delete(root);
  }
}
