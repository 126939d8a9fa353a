package org.duban.task.evidence;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real files of each kind, made by the libraries that write them (no fixture claims to be what it is not). */
final class Samples {
    private Samples() {
    }

    static byte[] pdf() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] image(String format) {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        img.setRGB(5, 5, 0xC00000);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png() {
        return image("png");
    }

    static byte[] jpeg() {
        return image("jpeg");
    }

    static byte[] docx() {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("政务公开专题会议纪要");
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("进展").createRow(0).createCell(0).setCellValue("已完成");
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xls() {
        try (HSSFWorkbook wb = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("进展").createRow(0).createCell(0).setCellValue("已完成");
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] text() {
        return "会议纪要：2020年9月30日召开政务公开专题会议，研究部署权责清单公开工作。\n".getBytes(StandardCharsets.UTF_8);
    }

    /** A 64-bit Linux executable's ELF header (e_type EXEC, x86-64) followed by some code-like bytes. */
    static byte[] elf() {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2);      // e_type: ET_EXEC
        b.putShort((short) 0x3e);   // e_machine: x86-64
        b.putInt(1);                // e_version
        b.putLong(0x401000);        // e_entry
        b.putLong(64);              // e_phoff
        b.putLong(0);               // e_shoff
        b.putInt(0);                // e_flags
        b.putShort((short) 64);     // e_ehsize
        b.putShort((short) 56);     // e_phentsize
        b.putShort((short) 1);      // e_phnum
        for (int i = b.position(); i < 512; i++) {
            b.put((byte) (0x90 + i % 7));
        }
        return b.array();
    }

    /** A Windows PE executable's start: the MZ stub and the PE signature at e_lfanew. */
    static byte[] pe() {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0});
        b.position(0x3c);
        b.putInt(0x80);
        b.position(0x4e);
        b.put("This program cannot be run in DOS mode.\r\r\n$".getBytes(StandardCharsets.US_ASCII));
        b.position(0x80);
        b.put(new byte[]{'P', 'E', 0, 0});
        b.putShort((short) 0x8664);
        return b.array();
    }

    static byte[] html() {
        return "<!DOCTYPE html><html><head><script>alert(1)</script></head><body>x</body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A ZIP that holds no Office document. */
    static byte[] zip() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("not a document".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
