package org.tcpstory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tcpstory.engine.ConversationModel;
import org.tcpstory.engine.ConversationModel.Ending;
import org.tcpstory.engine.ConversationModel.Line;
import org.tcpstory.engine.ConversationModel.Move;

/**
 * Writes a course of N valid chapters for benchmarks: 10 to 40 events each, every kind of scenario the
 * reference model knows (handshakes, data both ways, losses and resends, crossing segments, every kind of
 * close, aborts), Chinese prose between the blocks and CJK peer labels. The same seed gives the same files.
 *
 * <p>Run: {@code bench/corpus.sh OUT_DIR [CHAPTERS] [SEED]}
 */
public final class CorpusGenerator {

    private static final String[] PEOPLE = {"周屿", "林晚", "陈默", "苏禾", "顾南", "许知意", "沈川", "白露"};
    private static final String[] ROLES = {"客户端", "服务器"};
    private static final String[] OPENINGS = {
        "那天的雨下得不大，街角的灯一盏一盏亮起来。",
        "消息发出去之前，他把那句话改了三遍。",
        "店里只剩下咖啡机低低的嗡嗡声。",
        "她把杯子推过来，杯壁上还留着一点温度。",
        "站台上的广播又报了一次晚点。",
        "窗外有人骑车经过，车铃响了两下。",
    };
    private static final String[] EXPLANATIONS = {
        "每一个数据段都带着序号，对方用确认号告诉发送方：这之前的我都收到了。",
        "序号按字节增长；SYN 和 FIN 各占一个号，纯 ACK 不占号。",
        "丢失的段不会被确认，发送方等到重传计时器到期，再原样发一次。",
        "两个段可以在路上交错，谁先到，谁就先被处理。",
        "挥手时，每个方向各自关闭：先说完的一方先发 FIN。",
        "TIME-WAIT 要等满 2MSL，好让迟到的段在网络里消失。",
    };
    private static final Ending[] ENDINGS = Ending.values();

    private CorpusGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CorpusGenerator OUT_DIR [CHAPTERS] [SEED]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int chapters = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        write(out, chapters, seed);
        System.out.println("wrote " + chapters + " chapters into " + out);
    }

    /** Writes {@code _index.md} and the chapters into {@code out}. */
    public static void write(Path out, int chapters, long seed) throws IOException {
        Files.createDirectories(out);
        Random random = new Random(seed);
        Files.writeString(out.resolve("_index.md"),
                "---\ntitle: 生成的课程\nlanguage: zh-CN\n---\n\n一本由程序写出来的 TCP 小书，共 " + chapters + " 章。\n",
                StandardCharsets.UTF_8);
        int width = String.valueOf(chapters).length();
        for (int i = 1; i <= chapters; i++) {
            String number = String.format("%0" + width + "d", i);
            Files.writeString(out.resolve(number + "-chapter-" + number + ".md"), chapter(i, random),
                    StandardCharsets.UTF_8);
        }
    }

    /** One chapter of 10 to 40 events. */
    static String chapter(int number, Random random) {
        List<Line> lines;
        boolean handshake;
        do {
            handshake = random.nextBoolean();
            List<Move> moves = new ArrayList<>();
            int count = 2 + random.nextInt(9);
            for (int m = 0; m < count; m++) {
                moves.add(move(random));
            }
            lines = ConversationModel.lines(handshake, moves, ENDINGS[random.nextInt(ENDINGS.length)]);
        } while (lines.size() < 10 || lines.size() > 40);

        String first = PEOPLE[random.nextInt(PEOPLE.length)];
        String second = PEOPLE[random.nextInt(PEOPLE.length)];
        if (second.equals(first)) {
            second = PEOPLE[(java.util.Arrays.asList(PEOPLE).indexOf(first) + 1) % PEOPLE.length];
        }
        StringBuilder text = new StringBuilder();
        text.append("---\ntitle: 第 ").append(number).append(" 章 · ").append(first).append("和").append(second)
                .append("\nsummary: ").append(EXPLANATIONS[random.nextInt(EXPLANATIONS.length)])
                .append("\npeers:\n")
                .append("  a: { label: \"").append(first).append(" · ").append(ROLES[0]).append("\", ")
                .append(handshake ? "state: CLOSED, isn: x" : "state: ESTABLISHED, seq: x").append(" }\n")
                .append("  b: { label: \"").append(second).append(" · ").append(ROLES[1]).append("\", ")
                .append(handshake ? "state: LISTEN, isn: y" : "state: ESTABLISHED, seq: y").append(" }\n")
                .append("---\n\n");
        int blocks = 1 + random.nextInt(3);
        int perBlock = (lines.size() + blocks - 1) / blocks;
        for (int start = 0; start < lines.size(); start += perBlock) {
            text.append(OPENINGS[random.nextInt(OPENINGS.length)]).append(EXPLANATIONS[random.nextInt(EXPLANATIONS.length)])
                    .append("\n\n> ").append(first).append("：“").append(OPENINGS[random.nextInt(OPENINGS.length)])
                    .append("”\n\n```tcp\n");
            for (Line line : lines.subList(start, Math.min(lines.size(), start + perBlock))) {
                text.append(line.text()).append('\n');
            }
            text.append("```\n\n");
        }
        text.append(EXPLANATIONS[random.nextInt(EXPLANATIONS.length)]).append('\n');
        return text.toString();
    }

    private static Move move(Random random) {
        boolean fromA = random.nextBoolean();
        int length = 2 + random.nextInt(1459);
        return switch (random.nextInt(4)) {
            case 0 -> new Move.Data(fromA, length);
            case 1 -> new Move.Ack(fromA);
            case 2 -> new Move.LostData(fromA, length);
            default -> new Move.Crossing(length, 2 + random.nextInt(1459));
        };
    }
}
