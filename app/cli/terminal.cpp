#include "app/cli/terminal.h"

namespace tricoach::cli {

namespace {

constexpr char16_t kReplacement = u'\uFFFD';

// Characters that reorder or hide text on display (Unicode TR #9: embeddings, overrides, isolates) and the C1
// controls, which some terminals still obey.
bool isInvisibleControl(char32_t c)
{
    return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 ||
           c == 0x2029;
}

// "^[" for escape, "^G" for bell, "^?" for delete: how `cat -v` shows them.
QByteArray caret(unsigned char c)
{
    QByteArray out("^");
    out.append(c == 0x7F ? '?' : static_cast<char>(c + 0x40));
    return out;
}

// The length of the UTF-8 sequence a lead byte starts; 1 for ASCII and for bytes that cannot start one.
int sequenceLength(unsigned char lead)
{
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    if (lead >= 0xE0)
        return lead <= 0xEF ? 3 : 1;
    if (lead >= 0xC2)
        return 2;
    return 1;
}

char32_t decode(const char* s, int n)
{
    const auto b = [s](int i) { return static_cast<unsigned char>(s[i]); };
    switch (n) {
    case 2:
        return ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
    case 3:
        return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
    case 4:
        return ((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
    default:
        return b(0);
    }
}

} // namespace

QString singleLine(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c == u'\n' || c == u'\r' || c == u'\t' || c == 0x0B || c == 0x0C)
            out += QLatin1Char(' ');
        else if (c < 0x20 || c == 0x7F)
            out += QString::fromLatin1(caret(static_cast<unsigned char>(c)));
        else if (isInvisibleControl(c))
            out += QChar(kReplacement);
        else
            out += ch;
    }
    return out;
}

TerminalSafeDevice::TerminalSafeDevice(std::FILE* stream)
    : m_stream(stream)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

TerminalSafeDevice::~TerminalSafeDevice()
{
    if (!m_pending.isEmpty()) // an incomplete character at the very end: not text, show it replaced
        std::fputs("\xEF\xBF\xBD", m_stream);
    std::fflush(m_stream);
}

qint64 TerminalSafeDevice::readData(char*, qint64)
{
    return -1;
}

qint64 TerminalSafeDevice::writeData(const char* data, qint64 size)
{
    QByteArray in = m_pending;
    in.append(data, size);
    m_pending.clear();
    QByteArray out;
    out.reserve(in.size());
    static const QByteArray replacement("\xEF\xBF\xBD");
    for (qsizetype i = 0; i < in.size();) {
        const auto lead = static_cast<unsigned char>(in[i]);
        if (lead < 0x80) {
            if (lead == '\n' || lead == '\t' || (lead >= 0x20 && lead != 0x7F))
                out.append(static_cast<char>(lead));
            else
                out.append(caret(lead));
            ++i;
            continue;
        }
        const int n = sequenceLength(lead);
        if (i + n > in.size()) { // the rest of this character comes with the next write
            m_pending = in.mid(i);
            break;
        }
        bool wellFormed = n > 1;
        for (int k = 1; k < n; ++k)
            wellFormed = wellFormed && (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
        if (!wellFormed) { // not UTF-8: one replacement per stray byte, never raw bytes to the terminal
            out.append(replacement);
            ++i;
            continue;
        }
        if (isInvisibleControl(decode(in.constData() + i, n)))
            out.append(replacement);
        else
            out.append(in.constData() + i, n);
        i += n;
    }
    if (!out.isEmpty() && std::fwrite(out.constData(), 1, static_cast<std::size_t>(out.size()), m_stream) !=
                              static_cast<std::size_t>(out.size()))
        return -1;
    std::fflush(m_stream);
    return size;
}

} // namespace tricoach::cli
