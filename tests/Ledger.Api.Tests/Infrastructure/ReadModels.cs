using Npgsql;

namespace Ledger.Api.Tests.Infrastructure;

public static class ReadModels
{
    /// <summary>A content hash per document table of a schema (ids and JSON bodies in id order, leaving out Marten's own modification times).</summary>
    public static async Task<Dictionary<string, string>> HashesAsync(string connectionString, string schema, params string[] except)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = $1 and table_name like 'mt_doc_%' order by 1", connection))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var result = new Dictionary<string, string>();
        foreach (var table in tables.Except(except))
        {
            await using var command = new NpgsqlCommand(
                $"select count(*), coalesce(md5(string_agg(id::text || '=' || data::text, '|' order by id::text)), '') from {schema}.{table}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            result[table] = $"{reader.GetInt64(0)} rows, {reader.GetString(1)}";
        }
        return result;
    }
}
