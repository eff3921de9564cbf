package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.yaml.SourceMap.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sealed table answers every lookup as the open table did, and takes no more entries. */
class PositionTableTest {
  @Test
  void aSealedTableFindsWhatTheOpenTableHeld() {
    PositionTable table = new PositionTable();
    Map<String, Position> put = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      String pointer = "/spec/services/" + (i % 17) + "/allow/" + i;
      Position position = new Position(i + 1, i % 40 + 1);
      table.put(pointer, position);
      put.put(pointer, position);
    }
    table.put("", new Position(1, 1));
    put.put("", new Position(1, 1));

    table.seal();
    table.seal(); // again: nothing changes

    put.forEach((pointer, position) -> assertThat(table.get(pointer)).as(pointer).isEqualTo(position));
    assertThat(table.size()).isEqualTo(put.size());
    assertThat(table.get("/spec/services/0/allow/1")).isNull(); // 1 % 17 is 1, not 0
    assertThat(table.contains("/spec/missing")).isFalse();
    assertThat(table.contains("/spec/services/3/allow/3")).isTrue();
    List<String> visited = new ArrayList<>();
    table.forEach((pointer, packed) -> {
      visited.add(pointer);
      assertThat(new Position((int) (packed >>> 32), (int) packed)).isEqualTo(put.get(pointer));
    });
    assertThat(visited).hasSize(put.size()).isSorted();
    assertThatThrownBy(() -> table.put("/spec/late", new Position(9, 9))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aReadDocumentCitesTheSameLinesFromItsSealedPositions() {
    StrictYaml.Document document = StrictYaml.read("tenants/a.yaml", """
        apiVersion: meshplate.io/v1
        kind: Tenant
        spec:
          services:
            - name: api
              ports: [{port: 8080}]
        """, YamlLimits.DESCRIPTOR).kept();
    assertThat(document.positions().value("/spec/services/0/name")).isEqualTo(new Position(5, 13));
    assertThat(document.positions().key("/spec/services/0/ports")).isEqualTo(new Position(6, 7));
    assertThat(document.positions().value("/spec/services/0/ports/0/port/missing")).isEqualTo(new Position(6, 22));
  }
}
