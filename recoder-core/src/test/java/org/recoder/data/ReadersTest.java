package org.recoder.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.data.read.ColumnSpec;
import org.recoder.data.read.DataFormatException;
import org.recoder.data.read.DatasetFormat;
import org.recoder.data.read.DelimitedReader;
import org.recoder.data.read.Delimiter;

class ReadersTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void movielens100kTabSeparatedWithCrlfAndNoFinalNewline() throws IOException {
        EventLog log = DatasetFormat.ML_100K.load(file("u.data", "196\t242\t3\t881250949\r\n186\t302\t3.5\t891717742\r\n196\t302\t1\t1"));
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.users().ids()).containsExactly("196", "186");
        assertThat(log.items().ids()).containsExactly("242", "302");
        assertThat(log.value()).containsExactly(3f, 3.5f, 1f);
        assertThat(log.times()).containsExactly(881250949000L, 891717742000L, 1000L);
    }

    @Test
    void movielens1mDoubleColon() throws IOException {
        EventLog log = DatasetFormat.byName("ml-1m").load(file("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n"));
        assertThat(log.item()).containsExactly(0, 1);
        assertThat(log.value()).containsExactly(5f, 3f);
    }

    @Test
    void movielensCsvByHeaderNamesAndDirectory() throws IOException {
        Path d = Files.createDirectories(dir.resolve("ml-20m"));
        Files.writeString(d.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,2,3.5,1112486027\n1,29,3.5,1112484676\n");
        EventLog log = DatasetFormat.byName("ml-20m").load(d);
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.items().ids()).containsExactly("2", "29");
    }

    @Test
    void netflixCombinedAndPerMovieFiles() throws IOException {
        Path combined = file("combined_data_1.txt", "1:\n1488844,3,2005-09-06\n822109,5,2005-05-13\n2:\n1488844,4,2005-10-01\n");
        EventLog log = DatasetFormat.NETFLIX.load(combined);
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.items().ids()).containsExactly("1", "2");
        assertThat(log.users().ids()).containsExactly("1488844", "822109");
        assertThat(log.times()[0]).isEqualTo(java.time.LocalDate.of(2005, 9, 6).toEpochDay() * 86_400_000L);
        Path ts = Files.createDirectories(dir.resolve("nf/training_set"));
        Files.writeString(ts.resolve("mv_0000001.txt"), "1:\n5,1,2005-01-01\n");
        Files.writeString(ts.resolve("mv_0000002.txt"), "2:\n5,2,2005-01-02\n6,3,2005-01-03\n");
        assertThat(DatasetFormat.NETFLIX.load(dir.resolve("nf")).size()).isEqualTo(3);
        assertThatThrownBy(() -> DatasetFormat.NETFLIX.load(file("bad.txt", "5,1,2005-01-01\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("bad.txt:1").hasMessageContaining("before any 'MovieID:'");
    }

    @Test
    void msdTriplets() throws IOException {
        EventLog log = DatasetFormat.MSD.load(file("train_triplets.txt",
                "b80344d063b5ccb3212f76538f3d9e43d87dca9e\tSOAKIMP12A8C130995\t1\nb80344d063b5ccb3212f76538f3d9e43d87dca9e\tSOAPDEY12A81C210A9\t2\n"));
        assertThat(log.users().size()).isEqualTo(1);
        assertThat(log.value()).containsExactly(1f, 2f);
        assertThat(log.hasTimes()).isFalse();
    }

    @Test
    void lastfmAndCiteulike() throws IOException {
        EventLog lf = DatasetFormat.LASTFM.load(file("user_artists.dat", "userID\tartistID\tweight\r\n2\t51\t13883\r\n2\t52\t11690"));
        assertThat(lf.value()).containsExactly(13883f, 11690f);
        EventLog cu = DatasetFormat.CITEULIKE.load(file("users.dat", "3 0 5 7\n2 5 9"));
        assertThat(cu.users().ids()).containsExactly("0", "1");
        assertThat(cu.size()).isEqualTo(5);
        assertThatThrownBy(() -> DatasetFormat.CITEULIKE.load(file("u2.dat", "3 0 5\n")))
                .hasMessageContaining("u2.dat:1").hasMessageContaining("declares 3 items but lists 2");
    }

    @Test
    void filmTrustFileOrLibRecParts() throws IOException {
        EventLog one = DatasetFormat.byName("filmtrust").load(file("ratings.txt", "1050 215 3\r\n1050 250 2.5\r\n"));
        assertThat(one.value()).containsExactly(3f, 2.5f);
        Path parts = Files.createDirectory(dir.resolve("filmtrust"));
        Files.writeString(parts.resolve("ratings_0.txt"), "1050 215 3\r\n1050 250 0.5\r\n");
        Files.writeString(parts.resolve("ratings_1.txt"), "1 1 4\n2 215 3.5\n");
        Files.writeString(parts.resolve("trust.txt"), "1 2 1\n");
        EventLog all = DatasetFormat.FILMTRUST.load(parts);
        assertThat(all.size()).isEqualTo(4);
        assertThat(all.value()).containsExactly(3f, 0.5f, 4f, 3.5f);
        assertThat(all.users().ids()).containsExactly("1050", "1", "2");
        assertThatThrownBy(() -> DatasetFormat.FILMTRUST.load(Files.createDirectory(dir.resolve("empty"))))
                .hasMessageContaining("no ratings.txt or ratings_N.txt");
        assertThatThrownBy(() -> DatasetFormat.FILMTRUST.load(file("bad.txt", "1 2 x\n")))
                .hasMessageContaining("bad.txt:1");
    }

    @Test
    void sessionsWithFractionalSecondsAndIsoDates() throws IOException {
        EventLog s = DatasetFormat.SESSIONS.load(file("s.txt", "SessionId\tItemId\tTime\n1\t214536502\t1396839069.277\n1\t214536500\t1396839249.868\n"));
        assertThat(s.times()).containsExactly(1396839069277L, 1396839249868L);
        EventLog d = new DelimitedReader(new ColumnSpec(Delimiter.of(";"), true, "session_id", "item_id", null, "eventdate", "s"))
                .read(file("views.csv", "session_id;user_id;item_id;timeframe;eventdate\n1;NA;81766;526309;2016-05-09\n"));
        assertThat(d.times()[0]).isEqualTo(java.time.LocalDate.of(2016, 5, 9).toEpochDay() * 86_400_000L);
        assertThat(d.value()).containsExactly(1f);
    }

    @Test
    void badInputNamesFileAndLine() throws IOException {
        Path nonNumeric = file("r.csv", "userId,movieId,rating,timestamp\n1,2,3.5,1\n1,3,five,2\n");
        assertThatThrownBy(() -> DatasetFormat.ML_CSV.load(nonNumeric)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("r.csv:3").hasMessageContaining("value is not a number: 'five'");
        Path wrongDelimiter = file("u.data", "196,242,3,881250949\n");
        assertThatThrownBy(() -> DatasetFormat.ML_100K.load(wrongDelimiter)).hasMessageContaining("u.data:1")
                .hasMessageContaining("expected 4 tab-separated fields");
        assertThatThrownBy(() -> DatasetFormat.ML_100K.load(dir.resolve("missing.data"))).hasMessageContaining("missing.data: file not found");
        assertThatThrownBy(() -> DatasetFormat.ML_100K.load(file("empty", "\n\n"))).hasMessageContaining("no events");
        Path badHeader = file("h.csv", "user,movie,rating,timestamp\n1,2,3,4\n");
        assertThatThrownBy(() -> DatasetFormat.ML_CSV.load(badHeader)).hasMessageContaining("no column named 'userId'");
        Path badTime = file("t.data", "1\t2\t3\tyesterday\n");
        assertThatThrownBy(() -> DatasetFormat.ML_100K.load(badTime)).hasMessageContaining("t.data:1").hasMessageContaining("time");
    }

    @Test
    void plainCsvWithQuotesAndColumnIndices() throws IOException {
        EventLog log = new DelimitedReader(new ColumnSpec(Delimiter.COMMA, false, "1", "0", "2", null, "s"))
                .read(file("p.csv", "\"item 1\",u1,2\n\"item 2\",u1,4\n"));
        assertThat(log.items().ids()).containsExactly("item 1", "item 2");
        assertThat(log.users().ids()).containsExactly("u1");
    }

    @Test
    void longLinesBeyondTheBufferAreRead() throws IOException {
        StringBuilder sb = new StringBuilder("2000000");
        for (int i = 0; i < 2_000_000; i++) {
            sb.append(' ').append(i % 1000);
        }
        // 2M ids on one line: larger than the 1 MiB initial buffer
        EventLog log = DatasetFormat.CITEULIKE.load(file("big.dat", sb.toString()));
        assertThat(log.size()).isEqualTo(2_000_000);
        assertThat(log.items().size()).isEqualTo(1000);
    }

    @Test
    void aUtf8ByteOrderMarkIsDroppedNotReadAsPartOfTheFirstId() throws IOException {
        Path p = dir.resolve("bom.tsv");
        byte[] body = "u1\ti1\t1\nu1\ti2\t1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(p, withBom);
        EventLog log = DatasetFormat.TSV.load(p);
        assertThat(log.users().ids()).containsExactly("u1");
        assertThat(log.users().ids().get(0)).hasSize(2);
    }

    @Test
    void spacesAroundIdsAreTrimmedSoTheyMakeNoNewUsersOrItems() throws IOException {
        EventLog csv = new DelimitedReader(new ColumnSpec(Delimiter.of(","), false, "0", "1", "2", null, "s"))
                .read(file("spaced.csv", "u1,i1,4\n u1 , i1 ,5\nu1,\"i2\" ,3\n"));
        assertThat(csv.users().ids()).containsExactly("u1");
        assertThat(csv.items().ids()).containsExactly("i1", "i2");
        assertThat(csv.value()).containsExactly(4f, 5f, 3f);
    }

    @Test
    void valuesBeyondFloat32AreRejectedWithTheLine() throws IOException {
        Path p = file("big.tsv", "u1\ti1\t4\nu2\ti1\t1e40\n");
        assertThatThrownBy(() -> DatasetFormat.TSV.load(p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("big.tsv:2").hasMessageContaining("1e40").hasMessageContaining("float32");
        Path q = file("long.tsv", "u1\ti1\t" + "9".repeat(40) + "\n");
        assertThatThrownBy(() -> DatasetFormat.TSV.load(q)).hasMessageContaining("long.tsv:1").hasMessageContaining("float32");
        assertThat(DatasetFormat.TSV.load(file("max.tsv", "u1\ti1\t3.4e38\n")).value()).containsExactly(3.4e38f);
    }

    @Test
    void twoColumnTsvIsImplicitFeedback() throws IOException {
        EventLog log = DatasetFormat.TSV.load(file("Video.txt", "1\t10\n1\t11\n2\t10\n"));
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.value()).containsExactly(1f, 1f, 1f);
        EventLog rated = DatasetFormat.TSV.load(file("rated.tsv", "1\t10\t4\n"));
        assertThat(rated.value()).containsExactly(4f);
        assertThatThrownBy(() -> DatasetFormat.TSV.load(file("one.tsv", "1\n")))
                .hasMessageContaining("one.tsv:1").hasMessageContaining("expected 2");
    }

    @Test
    void yoochooseClicksAsReleased() throws IOException {
        Path f = dir.resolve("yoochoose-clicks.dat");
        Files.writeString(f, "1,2014-04-07T10:51:09.277Z,214536502,0\n1,2014-04-07T10:54:09.868Z,214536500,0\n"
                + "2,2014-04-07T13:56:37.614Z,214662742,S\n");
        EventLog log = org.recoder.data.read.DatasetFormat.byName("yoochoose").load(dir);
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.users().size()).isEqualTo(2);
        assertThat(log.times()[0]).isEqualTo(java.time.Instant.parse("2014-04-07T10:51:09.277Z").toEpochMilli());
        assertThat(log.items().id(log.item()[2])).isEqualTo("214662742");
    }

    @Test
    void digineticaOrdersViewsByTimeframeWithinTheirDay() throws IOException {
        Path f = dir.resolve("train-item-views.csv");
        // The sample's spelling of the header; the second view of session 1 comes first in the file.
        Files.writeString(f, "session_id;user_id;item_id;timeframe;eventdate\n1;NA;81766;1031018;2016-05-09\n"
                + "1;NA;31331;526309;2016-05-09\n2;5;32118;0;2016-05-10\n");
        EventLog log = org.recoder.data.read.DatasetFormat.byName("diginetica").load(dir);
        long may9 = java.time.LocalDate.parse("2016-05-09").atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        assertThat(log.times()).containsExactly(may9 + 1031018, may9 + 526309, may9 + 86_400_000L);
        assertThat(log.eventsByUser()[0]).containsExactly(1, 0);
        Files.writeString(f, "sessionId;userId;itemId;eventdate\n1;NA;5;2016-05-09\n");
        assertThatThrownBy(() -> org.recoder.data.read.DatasetFormat.byName("diginetica").load(f))
                .hasMessageContaining("no timeframe column").hasMessageContaining("train-item-views.csv");
    }
}
