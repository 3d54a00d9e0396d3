package dev.rivulet.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StructureTest {

    record Point(int x, int y) {}

    record Range(int low, int high) {
        Range {
            if (low > high) {
                throw new IllegalArgumentException("low " + low + " above high " + high);
            }
        }
    }

    record Flaky(String name) {
        @Override
        public String name() {
            throw new UnsupportedOperationException("no name today");
        }
    }

    @Test
    void eachKindOfContainerHasItsStructure() {
        assertThat(Structure.of(Point.class)).isEqualTo(Structure.RECORD);
        assertThat(Structure.of(ArrayList.class)).isEqualTo(Structure.SEQUENCE);
        assertThat(Structure.of(List.of().getClass())).isEqualTo(Structure.SEQUENCE);
        assertThat(Structure.of(ArrayDeque.class)).isEqualTo(Structure.SEQUENCE);
        assertThat(Structure.of(LinkedList.class)).isEqualTo(Structure.SEQUENCE);
        assertThat(Structure.of(TreeSet.class)).isEqualTo(Structure.SET);
        assertThat(Structure.of(HashMap.class)).isEqualTo(Structure.MAP);
        assertThat(Structure.of(PriorityQueue.class)).isEqualTo(Structure.COLLECTION);
        assertThat(Structure.of(String[].class)).isEqualTo(Structure.OBJECT_ARRAY);
        assertThat(Structure.of(int[][].class)).as("an array of arrays holds objects").isEqualTo(Structure.OBJECT_ARRAY);
        assertThat(Structure.of(Optional.class)).isEqualTo(Structure.OPTIONAL);
    }

    @Test
    void valuesWithNothingToLookIntoHaveNone() {
        assertThat(Structure.of(int[].class)).isEqualTo(Structure.NONE);
        assertThat(Structure.of(String.class)).isEqualTo(Structure.NONE);
        assertThat(Structure.of(Integer.class)).isEqualTo(Structure.NONE);
        assertThat(Structure.of(OptionalInt.class)).isEqualTo(Structure.NONE);
        assertThat(Structure.of(Object.class)).isEqualTo(Structure.NONE);
    }

    @Test
    void aClassThatIsSeveralKindsIsTheFirstDeclared() {
        assertThat(Structure.of(RecordBag.class)).as("a record before a collection").isEqualTo(Structure.RECORD);
        assertThat(Structure.of(Structure.class)).as("an enum is no container").isEqualTo(Structure.NONE);
    }

    @Test
    void aRecordsComponentsAreReadByNameInOrder() {
        RecordComponents components = RecordComponents.of(Point.class);
        assertThat(components.inaccessible()).isNull();
        assertThat(components.count()).isEqualTo(2);
        assertThat(List.of(components.name(0), components.name(1))).containsExactly("x", "y");
        assertThat(components.value(new Point(3, 4), 1)).isEqualTo(4);
        assertThat(components.values(new Point(3, 4))).containsExactly(3, 4);
        assertThat(RecordComponents.of(Point.class)).as("found once per class").isSameAs(components);
    }

    @Test
    void aRecordIsRebuiltThroughItsCanonicalConstructor() {
        assertThat(RecordComponents.of(Point.class).newRecord(new Object[] {5, 6})).isEqualTo(new Point(5, 6));
        assertThatThrownBy(() -> RecordComponents.of(Range.class).newRecord(new Object[] {2, 1}))
                .as("the compact constructor's check runs, and its exception is thrown as it is")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("low 2 above high 1");
    }

    @Test
    void anAccessorsExceptionIsThrownAsItIs() {
        assertThatThrownBy(() -> RecordComponents.of(Flaky.class).values(new Flaky("x")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("no name today");
    }

    @Test
    void aClassThatIsNoRecordIsRefused() {
        assertThatThrownBy(() -> RecordComponents.of(Map.Entry.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.util.Map$Entry is not a record class");
    }
}
