package org.duban.registry.city;

import org.duban.registry.group.GroupData;
import org.duban.registry.tag.TagData;
import org.duban.registry.unit.UnitData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
@Transactional
public class CityService {

    @Inject
    CityStore store;

    @Schema(name = "ImportReport")
    public record ImportReport(boolean dryRun, boolean ok, int created, int updated, int unchanged,
                               @Schema(description = "Groups republished because their members changed") int groupsRepublished,
                               List<Issue> issues) {
    }

    public ImportReport importDocument(CityApi.CityDocument doc, boolean dryRun) {
        List<Issue> issues = new ArrayList<>();
        List<CityStore.Located<TagData>> tags = located(doc.tags(), "tags", issues);
        List<CityStore.Located<UnitData>> units = located(doc.units(), "units", issues);
        List<CityStore.Located<GroupData>> groups = located(doc.groups(), "groups", issues);
        if (doc.city() != null && (doc.city().code() == null || doc.city().name() == null || doc.city().name().isBlank())) {
            issues.add(new Issue("city", null, "city", "the city needs a code and a name", false));
        }
        return run(new CityStore.Change(doc.city(), tags, units, groups), issues, dryRun);
    }

    /** The records of a section with their places ({@code units[3]}); a null entry is a problem, not a record. */
    private static <T> List<CityStore.Located<T>> located(List<T> records, String section, List<Issue> issues) {
        List<CityStore.Located<T>> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) == null) {
                issues.add(new Issue(section + "[" + i + "]", null, null, "must not be null", false));
            } else {
                out.add(new CityStore.Located<>(records.get(i), section + "[" + i + "]"));
            }
        }
        return out;
    }

    public ImportReport importCsv(String section, String text, boolean dryRun) {
        return switch (section) {
            case "units" -> {
                CityCsv.Parsed<UnitData> p = CityCsv.readUnits(text);
                yield run(new CityStore.Change(null, List.of(), p.rows(), List.of()), p.issues(), dryRun);
            }
            case "groups" -> {
                CityCsv.Parsed<GroupData> p = CityCsv.readGroups(text);
                yield run(new CityStore.Change(null, List.of(), List.of(), p.rows()), p.issues(), dryRun);
            }
            case "tags" -> {
                CityCsv.Parsed<TagData> p = CityCsv.readTags(text);
                yield run(new CityStore.Change(null, p.rows(), List.of(), List.of()), p.issues(), dryRun);
            }
            default -> throw ProblemException.notFound("No section '" + section + "': units, groups or tags");
        };
    }

    /** Reading problems and validation problems together; nothing is written if there is any. */
    private ImportReport run(CityStore.Change change, List<Issue> readIssues, boolean dryRun) {
        CityStore.Outcome o = store.apply(change, dryRun || !readIssues.isEmpty());
        List<Issue> issues = new ArrayList<>(readIssues);
        issues.addAll(o.issues());
        if (!issues.isEmpty() && !dryRun) {
            ProblemException p = CityStore.problem(issues);
            throw new ProblemException(p.type(), issues.size() + " problem(s); nothing was written", p.errors());
        }
        return new ImportReport(dryRun, issues.isEmpty(), o.created(), o.updated(), o.unchanged(), o.groupsRepublished(),
                issues);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CityApi.CityDocument export() {
        return store.load();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public String exportCsv(String section) {
        CityApi.CityDocument doc = store.load();
        return switch (section) {
            case "units" -> CityCsv.writeUnits(doc.units());
            case "groups" -> CityCsv.writeGroups(doc.groups());
            case "tags" -> CityCsv.writeTags(doc.tags());
            default -> throw ProblemException.notFound("No section '" + section + "': units, groups or tags");
        };
    }
}
