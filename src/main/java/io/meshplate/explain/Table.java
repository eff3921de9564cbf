package io.meshplate.explain;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells printed as left-aligned columns (two spaces apart, trailing spaces trimmed). */
final class Table {
  private final String indent;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String indent) {
    this.indent = indent;
  }

  Table row(String... cells) {
    rows.add(List.of(cells));
    return this;
  }

  List<String> lines() {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size() - 1; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder sb = new StringBuilder(indent);
      for (int i = 0; i < row.size(); i++) {
        sb.append(row.get(i));
        if (i < row.size() - 1) {
          sb.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      lines.add(sb.toString().stripTrailing());
    }
    return lines;
  }
}
