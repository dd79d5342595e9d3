using System.Text;

namespace Coroutines.Generator.Emitting;

/// <summary>
/// Writes lines at an indentation level, and keeps count of what line the compiler will map
/// the next one to, so <c>#line</c> is written only where the mapping would otherwise be wrong.
/// </summary>
internal sealed class IndentedWriter
{
    private const string Unit = "    ";
    private readonly StringBuilder _builder = new();
    private int _level;
    private int? _nextMappedLine;
    private string _file = "";

    public void Indent() => _level++;

    public void Outdent() => _level--;

    public void Line(string text = "")
    {
        if (text.Length == 0)
        {
            _builder.Append('\n');
        }
        else
        {
            for (var i = 0; i < _level; i++)
            {
                _builder.Append(Unit);
            }
            _builder.Append(text).Append('\n');
        }
        if (_nextMappedLine is not null)
        {
            _nextMappedLine++;
        }
    }

    /// <summary>A line one level out: where C# style puts labels.</summary>
    public void Label(string name)
    {
        _level--;
        Line(name + ":");
        _level++;
    }

    /// <summary>A line written as is: a continuation line of a multi-line literal.</summary>
    public void Raw(string text)
    {
        _builder.Append(text).Append('\n');
        if (_nextMappedLine is not null)
        {
            _nextMappedLine++;
        }
    }

    public void OpenBrace()
    {
        Line("{");
        Indent();
    }

    public void CloseBrace(string suffix = "")
    {
        Outdent();
        Line("}" + suffix);
    }

    /// <summary>Makes the next line map to <paramref name="line"/> of <paramref name="file"/>, writing <c>#line</c> if needed.</summary>
    public void MapTo(int line, string file)
    {
        if (line <= 0 || file.Length == 0 || file.IndexOf('"') >= 0)
        {
            return;
        }
        if (_nextMappedLine == line && _file == file)
        {
            return;
        }
        _builder.Append("#line ").Append(line).Append(" \"").Append(file).Append("\"\n");
        _nextMappedLine = line;
        _file = file;
    }

    /// <summary>Ends user-code mapping: what follows is generated.</summary>
    public void MapDefault()
    {
        if (_nextMappedLine is null)
        {
            return;
        }
        _builder.Append("#line default\n");
        _nextMappedLine = null;
    }

    public override string ToString() => _builder.ToString();
}
