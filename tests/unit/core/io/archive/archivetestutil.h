#pragma once

// Test-only writers for the archive formats the importer reads: gzip through zlib, and a minimal zip writer
// (local headers, central directory, end record; stored or deflate) following PKWARE's APPNOTE.TXT.

#include <QByteArray>
#include <QFile>
#include <QString>

#include <algorithm>
#include <utility>
#include <vector>
#include <zlib.h>

namespace tricoach::test {

// zlib deflate with the given window bits: 15 + 16 makes gzip, -15 raw deflate.
inline QByteArray deflateWith(const QByteArray& data, int windowBits, int level = Z_DEFAULT_COMPRESSION)
{
    z_stream zs{};
    deflateInit2(&zs, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

inline QByteArray gzip(const QByteArray& data)
{
    return deflateWith(data, 15 + 16);
}

inline quint32 crcOf(const QByteArray& data)
{
    return static_cast<quint32>(
        crc32(0, reinterpret_cast<const Bytef*>(data.constData()), static_cast<uInt>(data.size())));
}

struct ZipFile {
    QString name;
    QByteArray data;
    bool deflate = true;
};

inline void putLe(QByteArray& out, quint64 value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(static_cast<char>((value >> (8 * i)) & 0xff));
}

inline QByteArray makeZip(const std::vector<ZipFile>& files)
{
    QByteArray out, directory;
    for (const ZipFile& f : files) {
        const QByteArray name = f.name.toUtf8();
        const QByteArray body = f.deflate ? deflateWith(f.data, -15) : f.data;
        const quint32 crc = crcOf(f.data);
        const auto offset = static_cast<quint64>(out.size());
        const int method = f.deflate ? 8 : 0;
        putLe(out, 0x04034b50, 4);
        putLe(out, 20, 2);
        putLe(out, 0x0800, 2); // UTF-8 names
        putLe(out, method, 2);
        putLe(out, 0, 4); // time, date
        putLe(out, crc, 4);
        putLe(out, static_cast<quint64>(body.size()), 4);
        putLe(out, static_cast<quint64>(f.data.size()), 4);
        putLe(out, static_cast<quint64>(name.size()), 2);
        putLe(out, 0, 2);
        out += name + body;

        putLe(directory, 0x02014b50, 4);
        putLe(directory, 20, 2);
        putLe(directory, 20, 2);
        putLe(directory, 0x0800, 2);
        putLe(directory, method, 2);
        putLe(directory, 0, 4);
        putLe(directory, crc, 4);
        putLe(directory, static_cast<quint64>(body.size()), 4);
        putLe(directory, static_cast<quint64>(f.data.size()), 4);
        putLe(directory, static_cast<quint64>(name.size()), 2);
        putLe(directory, 0, 2); // extra
        putLe(directory, 0, 2); // comment
        putLe(directory, 0, 2); // disk
        putLe(directory, 0, 2); // internal attributes
        putLe(directory, 0, 4); // external attributes
        putLe(directory, offset, 4);
        directory += name;
    }
    const auto dirOffset = static_cast<quint64>(out.size());
    out += directory;
    putLe(out, 0x06054b50, 4);
    putLe(out, 0, 4);
    putLe(out, files.size(), 2);
    putLe(out, files.size(), 2);
    putLe(out, static_cast<quint64>(directory.size()), 4);
    putLe(out, dirOffset, 4);
    putLe(out, 0, 2);
    return out;
}

// `bytes` zero bytes raw-deflated, a MiB at a time, so that building a bomb does not take the memory it would.
inline QByteArray deflatedZeros(qint64 bytes, quint32* crc)
{
    const QByteArray zeros(1 << 20, '\0');
    z_stream zs{};
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
    QByteArray out;
    char buffer[65536];
    *crc = static_cast<quint32>(crc32(0, nullptr, 0));
    for (qint64 left = bytes; left >= 0;) {
        const qint64 chunk = std::min<qint64>(left, zeros.size());
        *crc = static_cast<quint32>(
            crc32(*crc, reinterpret_cast<const Bytef*>(zeros.constData()), static_cast<uInt>(chunk)));
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.constData()));
        zs.avail_in = static_cast<uInt>(chunk);
        left -= chunk;
        const int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        do {
            zs.next_out = reinterpret_cast<Bytef*>(buffer);
            zs.avail_out = sizeof buffer;
            deflate(&zs, flush);
            out.append(buffer, static_cast<qsizetype>(sizeof buffer - zs.avail_out));
        } while (zs.avail_out == 0);
        if (flush == Z_FINISH)
            break;
    }
    deflateEnd(&zs);
    return out;
}

// A zip entry given as its deflated body (zipOfDeflated), its CRC and the unpacked size its headers declare.
struct RawEntry {
    QByteArray name, body;
    quint32 crc = 0;
    quint64 declaredSize = 0;
};

inline QByteArray zipOfDeflated(const std::vector<RawEntry>& entries)
{
    QByteArray out, directory;
    for (const RawEntry& e : entries) {
        const auto offset = static_cast<quint64>(out.size());
        for (QByteArray* header : {&out, &directory}) {
            const bool central = header == &directory;
            putLe(*header, central ? 0x02014b50 : 0x04034b50, 4);
            if (central)
                putLe(*header, 20, 2);
            putLe(*header, 20, 2);
            putLe(*header, 0, 2);
            putLe(*header, 8, 2);
            putLe(*header, 0, 4);
            putLe(*header, e.crc, 4);
            putLe(*header, static_cast<quint64>(e.body.size()), 4);
            putLe(*header, e.declaredSize, 4);
            putLe(*header, static_cast<quint64>(e.name.size()), 2);
            putLe(*header, 0, 2);
            if (central) {
                putLe(*header, 0, 2);
                putLe(*header, 0, 2);
                putLe(*header, 0, 2);
                putLe(*header, 0, 4);
                putLe(*header, offset, 4);
            }
            *header += e.name;
            if (!central)
                *header += e.body;
        }
    }
    const auto at = static_cast<quint64>(out.size());
    out += directory;
    putLe(out, 0x06054b50, 4);
    putLe(out, 0, 4);
    putLe(out, entries.size(), 2);
    putLe(out, entries.size(), 2);
    putLe(out, static_cast<quint64>(directory.size()), 4);
    putLe(out, at, 4);
    putLe(out, 0, 2);
    return out;
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace tricoach::test
