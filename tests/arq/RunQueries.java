// Runs SPARQL SELECT queries on Apache Jena ARQ, the engine of Jena Fuseki, for
// tests/test_jena.py: java RunQueries.java DATA.nq DIR. The default graph is every triple
// of every graph of DATA once (as kg's union default graph), each graph of DATA is a named
// graph too. Each DIR/NAME.rq gets DIR/NAME.json (SPARQL 1.1 JSON results) or, when
// Jena refuses or fails it, DIR/NAME.err (the error).
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;

public class RunQueries {
    public static void main(String[] args) throws Exception {
        DatasetGraph loaded = RDFDataMgr.loadDatasetGraph(args[0]);
        Graph union = GraphFactory.createDefaultGraph();
        loaded.find().forEachRemaining(quad -> union.add(quad.asTriple()));
        DatasetGraph dataset = DatasetGraphFactory.create(union);
        for (Iterator<Node> it = loaded.listGraphNodes(); it.hasNext();) {
            Node name = it.next();
            dataset.addGraph(name, loaded.getGraph(name));
        }
        Dataset ds = DatasetFactory.wrap(dataset);
        File[] queries = new File(args[1]).listFiles((dir, name) -> name.endsWith(".rq"));
        Arrays.sort(queries);
        for (File query : queries) {
            String base = query.getPath().substring(0, query.getPath().length() - 3);
            try (OutputStream out = new FileOutputStream(base + ".json");
                 QueryExecution exec = QueryExecutionFactory.create(
                         QueryFactory.create(Files.readString(query.toPath())), ds)) {
                ResultSetFormatter.outputAsJSON(out, exec.execSelect());
            } catch (Exception e) {
                new File(base + ".json").delete();
                Files.writeString(Path.of(base + ".err"), e.toString());
            }
        }
    }
}
